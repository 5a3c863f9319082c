"""The text model: articles, loading, tokens, sentences, lexicon, boilerplate, the analysed document."""

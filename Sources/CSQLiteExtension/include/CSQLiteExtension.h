// The loadable extension's C entry point lives in extension.c; nothing here is for Swift to call.
// (A C target needs a public header folder; this one is deliberately empty of declarations.)

package diag

// Annotation returns d as one GitHub workflow command line of kind
// "error", "warning" or "notice" (with the trailing newline), for callers
// that choose which diagnostics become annotations.
func Annotation(kind string, d Diagnostic) string { return annotation(kind, d) }

// TextLine returns d as one line of the text format, kind being "错误" or
// "警告" (with the trailing newline).
func TextLine(d Diagnostic, kind string) string { return textLine(d, kind) }

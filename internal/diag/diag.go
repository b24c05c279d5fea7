// Package diag holds the Diagnostic that every check of lpg produces and
// renders lists of them as text, JSON and GitHub workflow annotations
// (DESIGN.md "Diagnostics"). It depends on nothing else in lpg.
package diag

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
)

// Severity says whether a Diagnostic blocks the data (Error) or reports a
// normalisation or a doubt (Warning).
type Severity int

const (
	// Error makes the data invalid: validate exits 1, build writes nothing.
	Error Severity = iota
	// Warning is reported but does not block.
	Warning
)

// Diagnostic is one finding about a submitted file.
//
// Line is the physical line in the file as submitted (1-based, as an editor
// shows it; a cell with an Alt+Enter line break makes a record span several
// lines and Line is the first). Row is the spreadsheet row as Excel numbers
// it (the header is row 1 unless title rows precede it); 0 when unknown.
// Column is the header as written in the file, "" for a whole-row or
// whole-file problem. Message and Hint are Chinese; Code is a stable,
// dotted English key ("phone.format") that tests and tools match on.
type Diagnostic struct {
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Row      int      `json:"row"`
	Column   string   `json:"column"`
	Value    string   `json:"value"`
	Code     string   `json:"code"`
	Message  string   `json:"message"`
	Hint     string   `json:"hint"`
	Severity Severity `json:"-"`
}

// List collects diagnostics. The zero List is ready to use.
type List struct {
	items []Diagnostic
}

// Add appends d.
func (l *List) Add(d Diagnostic) { l.items = append(l.items, d) }

// AddAll appends every diagnostic of ds.
func (l *List) AddAll(ds []Diagnostic) { l.items = append(l.items, ds...) }

// Clone returns a copy of l that collects independently of it.
func (l *List) Clone() *List { return &List{items: append([]Diagnostic(nil), l.items...)} }

// Len returns the number of diagnostics collected.
func (l *List) Len() int { return len(l.items) }

// Items returns the diagnostics sorted by file, line, column, code, with
// exact duplicates removed. The result is a new slice.
func (l *List) Items() []Diagnostic {
	out := append([]Diagnostic(nil), l.items...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return a.Code < b.Code
	})
	dedup := out[:0]
	for i, d := range out {
		if i > 0 && d == out[i-1] {
			continue
		}
		dedup = append(dedup, d)
	}
	return dedup
}

// Errors returns the sorted diagnostics of severity Error.
func (l *List) Errors() []Diagnostic { return l.filter(Error) }

// Warnings returns the sorted diagnostics of severity Warning.
func (l *List) Warnings() []Diagnostic { return l.filter(Warning) }

// HasErrors reports whether any Error was collected.
func (l *List) HasErrors() bool {
	for _, d := range l.items {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

func (l *List) filter(s Severity) []Diagnostic {
	out := []Diagnostic{}
	for _, d := range l.Items() {
		if d.Severity == s {
			out = append(out, d)
		}
	}
	return out
}

// Summary is the object printed by `lpg validate --format json`:
// {"files": N, "rows": N, "errors": [...], "warnings": [...]}.
type Summary struct {
	Files    int          `json:"files"`
	Rows     int          `json:"rows"`
	Errors   []Diagnostic `json:"errors"`
	Warnings []Diagnostic `json:"warnings"`
}

// NewSummary builds the Summary of l for files and rows read.
func NewSummary(files, rows int, l *List) Summary {
	return Summary{Files: files, Rows: rows, Errors: l.Errors(), Warnings: l.Warnings()}
}

// WriteJSON writes s as one indented JSON object.
func WriteJSON(w io.Writer, s Summary) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(s)
}

// WriteText writes s like a compiler does, one diagnostic a line:
// "file:line:column-header: 错误: message (提示: hint)", then a count line.
func WriteText(w io.Writer, s Summary) error {
	var b strings.Builder
	for _, d := range s.Errors {
		b.WriteString(textLine(d, "错误"))
	}
	for _, d := range s.Warnings {
		b.WriteString(textLine(d, "警告"))
	}
	fmt.Fprintf(&b, "检查了 %d 个文件、%d 行数据：%d 个错误，%d 个警告。\n", s.Files, s.Rows, len(s.Errors), len(s.Warnings))
	_, err := io.WriteString(w, b.String())
	return err
}

// textLine is d as one line: file:line:column-header: kind: message
// (value) (hint) [code]. A diagnostic of no file (a commit, the
// repository) starts with the kind; a line break inside the column header
// (Alt+Enter in Excel) is shown as ↵ so that the location stays one line.
func textLine(d Diagnostic, kind string) string {
	var b strings.Builder
	b.WriteString(d.File)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
	}
	if d.Column != "" {
		fmt.Fprintf(&b, ":%s", oneLine.Replace(d.Column))
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	fmt.Fprintf(&b, "%s: %s", kind, d.Message)
	if d.Value != "" && !strings.Contains(d.Message, d.Value) {
		fmt.Fprintf(&b, "（值：%q）", d.Value)
	}
	if d.Hint != "" {
		fmt.Fprintf(&b, "（提示：%s）", d.Hint)
	}
	fmt.Fprintf(&b, " [%s]\n", d.Code)
	return b.String()
}

// oneLine shows line breaks as ↵.
var oneLine = strings.NewReplacer("\r\n", "↵", "\n", "↵", "\r", "↵")

// OneLine returns s with its line breaks shown as ↵: a header or value
// typed with Alt+Enter in Excel, quoted in a one-line message.
func OneLine(s string) string { return oneLine.Replace(s) }

// WriteGitHub writes s as GitHub Actions workflow commands
// (::error file=…,line=…,title=…::message), which the pull-request page
// shows as annotations on the changed lines.
func WriteGitHub(w io.Writer, s Summary) error {
	var b strings.Builder
	for _, d := range s.Errors {
		b.WriteString(annotation("error", d))
	}
	for _, d := range s.Warnings {
		b.WriteString(annotation("warning", d))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func annotation(kind string, d Diagnostic) string {
	props := "file=" + escapeProperty(d.File)
	if d.Line > 0 {
		props += fmt.Sprintf(",line=%d", d.Line)
	}
	title := d.Code
	if d.Column != "" {
		title = d.Column + " " + d.Code
	}
	props += ",title=" + escapeProperty(title)
	msg := d.Message
	if d.Value != "" {
		msg += "（值：" + d.Value + "）"
	}
	if d.Hint != "" {
		msg += "\n提示：" + d.Hint
	}
	return fmt.Sprintf("::%s %s::%s\n", kind, props, escapeData(msg))
}

// escapeData and escapeProperty follow the workflow-command escaping of
// actions/toolkit (core/src/command.ts).
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

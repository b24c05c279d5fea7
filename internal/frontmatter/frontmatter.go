// Package frontmatter reads the block of "key: value" lines between two
// "---" lines at the top of a Markdown file of the data repository — the
// joint-meeting notes data/meetings/*.md and the report settings
// data/report.md — so that what validate checks is exactly what render
// shows. It depends on nothing in lpg.
//
// The block starts on the first line (after a byte-order mark; CRLF line
// ends are read as LF) with a line that is "---" give or take spaces, and
// ends at the next such line. Inside it, blank lines and lines starting
// with "#" are skipped; every other line is a key, a colon (ASCII or
// full-width ：) and a value. Keys and values are trimmed, keys are kept
// as written (case included), and one pair of matching quotes ("…" or
// '…') around a value is removed.
package frontmatter

import "strings"

// Field is one "key: value" line.
type Field struct {
	Key, Value string
	Line       int // 1-based line of the file
}

// Doc is a parsed file.
type Doc struct {
	Fields []Field // in file order, repeated keys included
	// Body is the text after the block (the whole text when there is no
	// complete block), BOM removed and line ends LF.
	Body string
}

// Get returns the last field called key.
func (d Doc) Get(key string) (Field, bool) {
	for i := len(d.Fields) - 1; i >= 0; i-- {
		if d.Fields[i].Key == key {
			return d.Fields[i], true
		}
	}
	return Field{}, false
}

// Value returns the value of the last field called key ("" when none).
func (d Doc) Value(key string) string {
	f, _ := d.Get(key)
	return f.Value
}

// Problem kinds.
const (
	NoBlock  = "no_block" // the first line is not ---
	Unclosed = "unclosed" // no closing --- line
	Syntax   = "syntax"   // a line of the block is not key: value
)

// Problem is a deviation from the form above. Text is the offending line
// (trimmed) for Syntax; the Line of Unclosed is the last line of the file.
type Problem struct {
	Kind string
	Line int
	Text string
}

// Parse reads src. Without a block (NoBlock) or without its end
// (Unclosed), Fields holds what was read and Body is the whole text.
func Parse(src []byte) (Doc, []Problem) {
	text := strings.TrimPrefix(strings.ReplaceAll(string(src), "\r\n", "\n"), "\uFEFF")
	lines := strings.Split(text, "\n")
	if strings.TrimSpace(lines[0]) != "---" {
		return Doc{Body: text}, []Problem{{Kind: NoBlock, Line: 1}}
	}
	var d Doc
	var ps []Problem
	for i := 1; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if l == "---" {
			d.Body = strings.Join(lines[i+1:], "\n")
			return d, ps
		}
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		k, v, ok := strings.Cut(l, ":")
		if fk, fv, fok := strings.Cut(l, "："); fok && (!ok || len(fk) < len(k)) {
			k, v, ok = fk, fv, true // the first colon, ASCII or full-width
		}
		if !ok {
			ps = append(ps, Problem{Kind: Syntax, Line: i + 1, Text: l})
			continue
		}
		d.Fields = append(d.Fields, Field{Key: strings.TrimSpace(k), Value: unquote(strings.TrimSpace(v)), Line: i + 1})
	}
	d.Body = text
	return d, append(ps, Problem{Kind: Unclosed, Line: len(lines)})
}

func unquote(v string) string {
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		return v[1 : len(v)-1]
	}
	return v
}

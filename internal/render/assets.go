package render

import (
	"bytes"
	"strings"
)

// The site's style.css and lpg.js are loaded by every page and count
// towards its 300 KB (TestPageWeight); their sources under templates/ keep
// their comments and layout, the built site gets them compacted. Both
// compactions only remove what cannot change meaning and leave anything
// they do not understand alone.

// compactCSS removes comments and the whitespace that CSS ignores: runs
// become one space, none around { } ; , and none after a colon; no ;
// before }. Quoted
// strings are copied as they are. A space before a colon is kept (it is a
// descendant combinator in "a :focus").
func compactCSS(src []byte) []byte {
	var b bytes.Buffer
	b.Grow(len(src))
	space := false // whitespace seen and not yet written
	last := byte('{')
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			end := bytes.Index(src[i+2:], []byte("*/"))
			if end < 0 {
				i = len(src)
				continue
			}
			i += end + 3
			space = true
			continue
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			space = true
			continue
		}
		if space && !strings.ContainsRune("{};,:", rune(last)) && !strings.ContainsRune("{};,", rune(c)) {
			b.WriteByte(' ')
		}
		space = false
		if c == '"' || c == '\'' {
			j := i + 1
			for j < len(src) && src[j] != c && src[j] != '\n' {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(src) {
				j = len(src) - 1
			}
			b.Write(src[i : j+1])
			last = src[j]
			i = j
			continue
		}
		if c == '}' && last == ';' {
			b.Truncate(b.Len() - 1) // the last declaration needs no ;
		}
		b.WriteByte(c)
		last = c
	}
	b.WriteByte('\n')
	return b.Bytes()
}

// compactJS drops the lines of a script that hold only a comment (// …, or
// a /* … */ block that starts a line and ends one), blank lines and the
// indentation of the others. Code is never touched: a comment after code
// stays. A script with a template literal (`) is returned unchanged, since
// its strings may span lines.
func compactJS(src []byte) []byte {
	if bytes.IndexByte(src, '`') >= 0 {
		return src
	}
	var b bytes.Buffer
	b.Grow(len(src))
	inBlock := false
	for _, line := range strings.Split(string(src), "\n") {
		t := strings.TrimSpace(line)
		if inBlock {
			if i := strings.Index(t, "*/"); i >= 0 {
				inBlock = false
				if rest := strings.TrimSpace(t[i+2:]); rest != "" {
					// code after the end of a block comment: keep the line
					b.WriteString(rest)
					b.WriteByte('\n')
				}
			}
			continue
		}
		switch {
		case t == "", strings.HasPrefix(t, "//"):
			continue
		case strings.HasPrefix(t, "/*"):
			if i := strings.Index(t[2:], "*/"); i >= 0 {
				if rest := strings.TrimSpace(t[i+4:]); rest != "" {
					b.WriteString(rest)
					b.WriteByte('\n')
				}
				continue
			}
			inBlock = true
			continue
		}
		b.WriteString(t)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

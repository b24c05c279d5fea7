package csvio

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// splitRef is the rune-by-rune split that split replaced (issue 14): the
// reference FuzzSplit compares split with.
// It cuts text (already "\n"-only) into records with separator sep,
// following RFC 4180: quoted cells may hold separators, quotes ("") and
// line breaks (Excel's Alt+Enter). It is lenient where Excel is: a quote
// inside an unquoted cell is kept as text; text after a closing quote is
// appended. Those cases are reported as problems (warnings); a quote left
// open at the end of the file is fatal.
func splitRef(text string, sep rune) ([]rawRecord, []splitProblem) {
	var (
		recs     []rawRecord
		probs    []splitProblem
		cur      rawRecord
		cell     strings.Builder
		line     = 1
		inQuote  bool
		quoted   bool // current cell started with a quote
		quoteAt  int
		cellLine = 1
	)
	cur.Line = 1
	endCell := func() {
		cur.Cells = append(cur.Cells, cell.String())
		cur.CellLines = append(cur.CellLines, cellLine)
		cell.Reset()
		quoted = false
		cellLine = line
	}
	endRecord := func() {
		endCell()
		blank := true
		for _, c := range cur.Cells {
			if strings.TrimSpace(c) != "" {
				blank = false
				break
			}
		}
		cur.Blank = blank
		recs = append(recs, cur)
		cur = rawRecord{Line: line + 1}
		cellLine = line + 1
	}
	runes := []rune(text)
	for i := 0; i < len(runes); i++ {
		r := runes[i]
		if inQuote {
			switch {
			case r == '"' && i+1 < len(runes) && runes[i+1] == '"':
				cell.WriteRune('"')
				i++
			case r == '"':
				inQuote = false
			default:
				if r == '\n' {
					line++
				}
				cell.WriteRune(r)
			}
			continue
		}
		switch {
		case r == sep:
			endCell()
		case r == '\n':
			endRecord()
			line++
		case r == '"' && cell.Len() == 0 && !quoted:
			inQuote, quoted, quoteAt = true, true, line
		case r == '"':
			probs = append(probs, splitProblem{Line: line, Cell: len(cur.Cells), Code: "quote.stray"})
			cell.WriteRune(r)
		default:
			if quoted {
				probs = append(probs, splitProblem{Line: line, Cell: len(cur.Cells), Code: "quote.trailing"})
				quoted = false
			}
			cell.WriteRune(r)
		}
	}
	if inQuote {
		probs = append(probs, splitProblem{Line: quoteAt, Cell: len(cur.Cells), Code: "quote.open", Fatal: true})
	}
	if len(cur.Cells) > 0 || cell.Len() > 0 || !strings.HasSuffix(text, "\n") && text != "" {
		endRecord()
	}
	return recs, probs
}

// FuzzSplit checks that split cuts any text (valid UTF-8 with "\n" line
// breaks, as Decode gives it) exactly as the rune-by-rune splitRef does:
// the same records, cells, lines and problems.
func FuzzSplit(f *testing.F) {
	for _, s := range []string{
		"a,b\n1,2\n",
		"a,\"b\nc\",d\n\"x\"\"y\",z",
		"\"\",\"\"x\",\"a\"b\"c\"\n,,\n",
		"a;\"open\n;b",
		"  \"q\" ,x\"y\",\"z\"\"\"\n\n\n",
		"隐患编号\t用户名称\nA-1\t\"张\n三\"\t\n",
	} {
		f.Add(s, byte(0))
		f.Add(s, byte(1))
		f.Add(s, byte(2))
	}
	f.Fuzz(func(t *testing.T, text string, k byte) {
		if !utf8.ValidString(text) || strings.ContainsRune(text, '\r') {
			return
		}
		sep := []rune{',', '\t', ';'}[int(k)%3]
		got, gp := split(text, sep)
		want, wp := splitRef(text, sep)
		if len(got) != len(want) || !reflect.DeepEqual(gp, wp) {
			t.Fatalf("split(%q): %d records %v, want %d %v", text, len(got), gp, len(want), wp)
		}
		for i := range got {
			g, w := got[i], want[i]
			if g.Line != w.Line || g.Blank != w.Blank || !slices.Equal(g.Cells, w.Cells) || g.CellLines != nil && len(g.CellLines) != len(g.Cells) {
				t.Fatalf("split(%q) record %d = %+v, want %+v", text, i, g, w)
			}
			for j := range w.Cells {
				if g.cellLine(j) != w.CellLines[j] {
					t.Fatalf("split(%q) record %d cell %d on line %d, want %d", text, i, j, g.cellLine(j), w.CellLines[j])
				}
			}
		}
	})
}

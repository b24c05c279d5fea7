package csvio

import "strings"

// rawRecord is one CSV record as split from the text: its cells (unquoted),
// the physical line it starts on and the line of each cell.
type rawRecord struct {
	Line      int
	CellLines []int
	Cells     []string
	Blank     bool // an empty line, or only separators and blanks
}

// splitProblem is a structural problem found while splitting.
type splitProblem struct {
	Line  int
	Cell  int // 0-based cell index
	Code  string
	Fatal bool
}

// split cuts text (already "\n"-only) into records with separator sep,
// following RFC 4180: quoted cells may hold separators, quotes ("") and
// line breaks (Excel's Alt+Enter). It is lenient where Excel is: a quote
// inside an unquoted cell is kept as text; text after a closing quote is
// appended. Those cases are reported as problems (warnings); a quote left
// open at the end of the file is fatal.
func split(text string, sep rune) ([]rawRecord, []splitProblem) {
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

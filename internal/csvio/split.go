package csvio

import "strings"

// rawRecord is one CSV record as split from the text: its cells (unquoted),
// the physical line it starts on and the line of each cell.
type rawRecord struct {
	Line      int
	CellLines []int // nil when every cell starts on Line (cellLine)
	Cells     []string
	Blank     bool // an empty line, or only separators and blanks
}

// cellLine returns the physical line cell j starts on.
func (r *rawRecord) cellLine(j int) int {
	if r.CellLines == nil {
		return r.Line
	}
	return r.CellLines[j]
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
//
// It works on the bytes of text (sep, quote and line break are ASCII, so
// they never occur inside a multi-byte character): a cell is a substring
// of text unless it had to be put together (a doubled quote, text after a
// closing quote), and the cells of all records share one array sized
// once from the separators and line breaks of text (issue 14: no
// allocation per cell or record); cell lines are kept only for a record
// with a cell after a line break. splitRef is the rune-by-rune
// reference it is fuzzed against (FuzzSplit).
func split(text string, sep rune) ([]rawRecord, []splitProblem) {
	sb := byte(sep)
	nl := strings.Count(text, "\n")
	maxCells := strings.Count(text, string(sep)) + nl + 1 // every cell ends at a separator, a line break or the end
	var (
		recs     = make([]rawRecord, 0, nl+1)
		probs    []splitProblem
		cells    = make([]string, 0, maxCells)
		lines    []int // cell lines of the current record, once one starts after Line
		first    int   // first cell of the current record in cells
		recLine  = 1
		line     = 1
		inQuote  bool
		quoted   bool // current cell started with a quote
		quoteAt  int
		cellLine = 1
		c        cellBuf
	)
	c.text = text
	var stop [256]bool // the bytes that end a run of plain text: one load per byte instead of three comparisons
	stop[sb], stop['\n'], stop['"'] = true, true, true
	endCell := func() {
		if lines == nil && cellLine != recLine {
			lines = make([]int, len(cells)-first, len(cells)-first+8)
			for k := range lines {
				lines[k] = recLine
			}
		}
		cells = append(cells, c.string())
		if lines != nil {
			lines = append(lines, cellLine)
		}
		c.reset()
		quoted = false
		cellLine = line
	}
	endRecord := func() {
		endCell()
		r := rawRecord{Line: recLine, Cells: cells[first:len(cells):len(cells)], CellLines: lines, Blank: true}
		lines = nil
		for _, s := range r.Cells {
			if strings.TrimSpace(s) != "" {
				r.Blank = false
				break
			}
		}
		recs = append(recs, r)
		first = len(cells)
		recLine = line + 1
		cellLine = line + 1
	}
	n := len(text)
	for i := 0; i < n; {
		b := text[i]
		if inQuote {
			j := strings.IndexByte(text[i:], '"')
			if j < 0 { // open to the end of the text
				line += strings.Count(text[i:], "\n")
				c.add(i, n)
				i = n
				break
			}
			if j > 0 {
				line += strings.Count(text[i:i+j], "\n")
				c.add(i, i+j)
				i += j
				continue
			}
			if i+1 < n && text[i+1] == '"' {
				c.add(i, i+1)
				i += 2
				continue
			}
			inQuote = false
			i++
			continue
		}
		switch {
		case b == sb:
			endCell()
			i++
		case b == '\n':
			endRecord()
			line++
			i++
		case b == '"' && c.len() == 0 && !quoted:
			inQuote, quoted, quoteAt = true, true, line
			i++
		case b == '"':
			probs = append(probs, splitProblem{Line: line, Cell: len(cells) - first, Code: "quote.stray"})
			c.add(i, i+1)
			i++
		default:
			if quoted {
				probs = append(probs, splitProblem{Line: line, Cell: len(cells) - first, Code: "quote.trailing"})
				quoted = false
			}
			j := i + 1
			for j < n && !stop[text[j]] {
				j++
			}
			c.add(i, j)
			i = j
		}
	}
	if inQuote {
		probs = append(probs, splitProblem{Line: quoteAt, Cell: len(cells) - first, Code: "quote.open", Fatal: true})
	}
	if len(cells) > first || c.len() > 0 || !strings.HasSuffix(text, "\n") && text != "" {
		endRecord()
	}
	return recs, probs
}

// cellBuf is the content of the cell being split: the substring
// text[start:end] while it is one, else bytes put together in buf.
type cellBuf struct {
	text       string
	start, end int
	buf        []byte
	built      bool
}

// add appends text[i:j] to the cell.
func (c *cellBuf) add(i, j int) {
	switch {
	case i == j:
	case !c.built && c.start == c.end:
		c.start, c.end = i, j
	case !c.built && c.end == i:
		c.end = j
	default:
		if !c.built {
			c.buf = append(c.buf[:0], c.text[c.start:c.end]...)
			c.built = true
		}
		c.buf = append(c.buf, c.text[i:j]...)
	}
}

func (c *cellBuf) len() int {
	if c.built {
		return len(c.buf)
	}
	return c.end - c.start
}

func (c *cellBuf) string() string {
	if c.built {
		return string(c.buf)
	}
	return c.text[c.start:c.end]
}

func (c *cellBuf) reset() { c.start, c.end, c.built = 0, 0, false }

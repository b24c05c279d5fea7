package csvio

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"lpg/internal/diag"
)

// Column describes one known column of a form: its field key (English, as
// in the JSON Schema), its canonical Chinese header and other accepted
// spellings (the English key is always accepted).
type Column struct {
	Field    string
	Header   string
	Aliases  []string
	Required bool // the column must be present in the header
}

// Record is one data row of a table.
type Record struct {
	Line   int               // physical line where the record starts (1-based)
	Row    int               // spreadsheet row as Excel numbers it (1-based)
	Values map[string]string // field key → cell as written (not yet normalised)
	Lines  map[string]int    // field key → physical line of the cell (differs after an Alt+Enter cell)
}

// Row is one data row of a table as ReadRows gives it: its cells by
// column of the file, without a map per row (issue 14).
type Row struct {
	Line  int      // physical line where the record starts (1-based)
	Row   int      // spreadsheet row as Excel numbers it (1-based)
	Cells []string // cell as written (not yet normalised) by 0-based column of the file; Table.Index gives a field's column
	lines []int    // physical line of each cell; nil when all are on Line
}

// CellLine returns the physical line of the cell in column col (differs
// from Line after an Alt+Enter cell).
func (r *Row) CellLine(col int) int {
	if r.lines == nil {
		return r.Line
	}
	return r.lines[col]
}

// Table is a decoded, header-mapped CSV file.
type Table struct {
	File       string
	Encoding   string
	HeaderLine int               // physical line of the header row
	HeaderRow  int               // spreadsheet row of the header row
	Headers    map[string]string // field key → header as written in the file
	Fields     []string          // field keys in file order
	Index      map[string]int    // field key → 0-based column of the file (A = 0)
	Records    []Record          // Read only
	Rows       []Row             // ReadRows only
}

// Header returns the header of field as written in the file, or the
// canonical header when the file has no such column.
func (t *Table) Header(field string, cols []Column) string {
	if h, ok := t.Headers[field]; ok {
		return h
	}
	for _, c := range cols {
		if c.Field == field {
			return c.Header
		}
	}
	return field
}

// Read decodes b and maps it onto cols. It returns the table (nil when the
// file cannot be read at all) and every diagnostic found; any diagnostic of
// severity Error makes the file invalid. file is the repository-relative
// path used in diagnostics.
func Read(file string, b []byte, cols []Column) (*Table, []diag.Diagnostic) {
	t, ds := readRows(file, b, cols, false)
	if t == nil {
		return nil, ds
	}
	t.Records = make([]Record, len(t.Rows))
	for i, r := range t.Rows {
		rec := Record{Line: r.Line, Row: r.Row, Values: make(map[string]string, len(t.Index)), Lines: make(map[string]int, len(t.Index))}
		for f, j := range t.Index { // every mapped column is inside the header's width, which every row reaches
			rec.Values[f] = r.Cells[j]
			rec.Lines[f] = r.CellLine(j)
		}
		t.Records[i] = rec
	}
	t.Rows = nil
	return t, ds
}

// ReadRows is Read giving the data rows as Table.Rows, cells by column,
// instead of Records with two maps each: what validate reads (issue 14).
// A row's cells share the memory of the decoded text, which for a UTF-8
// file is b itself: ReadRows keeps b, and the caller must not change it
// afterwards (validate reads each file into a slice of its own).
func ReadRows(file string, b []byte, cols []Column) (*Table, []diag.Diagnostic) {
	return readRows(file, b, cols, true)
}

// readRows is ReadRows; keep says whether the text may be b itself
// (decode) or must be a copy (Read, whose callers keep b).
func readRows(file string, b []byte, cols []Column, keep bool) (*Table, []diag.Diagnostic) {
	var ds []diag.Diagnostic
	dec, warns, fatal := decode(file, b, keep)
	ds = append(ds, warns...)
	if fatal != nil {
		return nil, append(ds, *fatal)
	}
	sep, sepName := detectSeparator(dec.Text)
	if sep != ',' {
		ds = append(ds, diag.Diagnostic{File: file, Line: 1, Code: "separator", Severity: diag.Warning,
			Message: "文件使用" + sepName + "分隔各列，而不是逗号；已按" + sepName + "读取",
			Hint:    "在 Excel 中“另存为”→“CSV UTF-8（逗号分隔）”"})
	}
	recs, probs := split(dec.Text, sep)
	t := &Table{File: file, Encoding: dec.Encoding, Headers: map[string]string{}, Index: map[string]int{}}

	// Find the header: the first record in which most cells are known headers.
	hdr := -1
	keys := headerKey(cols)
	for i, r := range recs {
		if r.Blank {
			continue
		}
		if looksLikeHeader(r.Cells, cols, keys) {
			hdr = i
			break
		}
		if i >= 10 {
			break
		}
	}
	if hdr < 0 {
		want := make([]string, 0, len(cols))
		for _, c := range cols {
			want = append(want, c.Header)
		}
		msg, hint := "找不到表头行：前 10 行中没有一行是本表的列名", "第一行应为表头："+strings.Join(want, ",")
		if empty(recs) { // review F13: say the file is empty, not that no line is a header
			msg, hint = "文件是空的（0 字节、只有 BOM 或只有空行）：没有表头，也没有数据", hint+"（没有数据时也要有这一行表头）"
		}
		return nil, append(ds, diag.Diagnostic{File: file, Line: 1, Row: 1, Code: "header.missing", Severity: diag.Error,
			Message: msg, Hint: hint})
	}
	for i := 0; i < hdr; i++ {
		if recs[i].Blank {
			continue
		}
		ds = append(ds, diag.Diagnostic{File: file, Line: recs[i].Line, Row: i + 1, Value: truncate(strings.Join(trimRight(recs[i].Cells), ",")),
			Code: "header.title_row", Severity: diag.Warning,
			Message: "表头上方的标题行已跳过", Hint: "提交的文件第一行应直接是表头；标题、填报单位等写在 PR 说明里即可"})
	}
	t.HeaderLine = recs[hdr].Line
	t.HeaderRow = hdr + 1
	colIndex, hds := mapHeader(file, recs[hdr], hdr+1, cols, keys, t)
	ds = append(ds, hds...)
	headerBad := false
	for _, d := range hds {
		if d.Severity == diag.Error {
			headerBad = true
		}
	}
	width := len(recs[hdr].Cells)
	for width > 0 && strings.TrimSpace(recs[hdr].Cells[width-1]) == "" {
		width--
	}
	for _, p := range probs {
		d := diag.Diagnostic{File: file, Line: p.Line, Code: p.Code, Severity: diag.Warning}
		if p.Cell < len(colIndex) && colIndex[p.Cell] != "" {
			c := colIndex[p.Cell]
			d.Column = t.Headers[c]
		}
		for i, r := range recs { // the record the problem is in: its row and cell
			if r.Line > p.Line {
				break
			}
			if p.Cell < len(r.Cells) {
				d.Row, d.Value = i+1, truncate(r.Cells[p.Cell])
			}
		}
		switch p.Code {
		case "quote.open":
			d.Severity = diag.Error
			d.Message = "引号没有闭合：从这一行开始的单元格以英文双引号开头，但到文件末尾都没有结束的引号"
			d.Hint = "删除多余的英文双引号 \"，或把整个单元格用一对引号括起来"
		case "quote.stray":
			d.Message = "单元格中间有英文双引号，已按普通文字读取"
			d.Hint = "如果这是有意的，无需处理；否则请删除它"
		default:
			d.Message = "引号括起的内容后面还有文字，已连在一起读取"
			d.Hint = "检查该单元格的引号是否多余"
		}
		ds = append(ds, d)
	}
	if headerBad {
		return t, ds
	}

	// Data records. Blank records are skipped: trailing ones silently
	// (Excel leaves them), others with a warning.
	last := len(recs) - 1
	for last > hdr && recs[last].Blank {
		last--
	}
	t.Rows = make([]Row, 0, last-hdr)
	for i := hdr + 1; i <= last; i++ {
		r := recs[i]
		row := i + 1
		if r.Blank {
			ds = append(ds, diag.Diagnostic{File: file, Line: r.Line, Row: row, Code: "row.blank", Severity: diag.Warning,
				Message: "空行已跳过", Hint: "可删除该空行"})
			continue
		}
		// Excel writes every row with as many cells as the header row has
		// (trailing empty columns included), so any other count means a
		// cell was split by an unquoted separator or cells are missing.
		n := len(r.Cells)
		if n != len(recs[hdr].Cells) && !(n > width && n < len(recs[hdr].Cells)) {
			found := len(trimRight(r.Cells))
			if n > len(recs[hdr].Cells) {
				found = n
			}
			ds = append(ds, diag.Diagnostic{File: file, Line: r.Line, Row: row, Code: "row.fields", Severity: diag.Error,
				Value:   truncate(strings.Join(r.Cells, string(sep))),
				Message: fmt.Sprintf("列数不对：表头有 %d 列，这一行有 %d 列", width, max(found, n)),
				Hint:    raggedHint(n, len(recs[hdr].Cells))})
			continue
		}
		unheaded := false
		for j, c := range r.Cells {
			if (j >= len(colIndex) || colIndex[j] == "") && strings.TrimSpace(c) != "" && (j >= len(recs[hdr].Cells) || strings.TrimSpace(recs[hdr].Cells[j]) == "") {
				ds = append(ds, diag.Diagnostic{File: file, Line: r.cellLine(j), Row: row, Value: truncate(c), Code: "row.unheaded", Severity: diag.Error,
					Message: fmt.Sprintf("第 %d 列（%s 列）没有表头，但这一行在该列填了内容", j+1, columnLetter(j)),
					Hint:    "给该列补上正确的表头，或把内容移到对应的列（如“备注”）后删除该列"})
				unheaded = true
			}
		}
		if unheaded {
			continue
		}
		// A totals row (合计, 共2条) is one error, not one per empty
		// required cell: it is not data (review F7; as a title row above
		// the header is one header.title_row).
		if labels, ok := totalsRow(r.Cells); ok {
			ds = append(ds, diag.Diagnostic{File: file, Line: r.Line, Row: row, Value: truncate(strings.Join(trimRight(r.Cells), ",")),
				Code: "row.total", Severity: diag.Error,
				Message: fmt.Sprintf("第 %d 行像是合计行（“%s”，其余单元格为空或为数字）：请删去这一行", row, strings.Join(labels, "”“")),
				Hint:    "提交的文件只保留表头和逐条数据；合计、条数需要时写在 PR 说明里"})
			continue
		}
		t.Rows = append(t.Rows, Row{Line: r.Line, Row: row, Cells: r.Cells, lines: r.CellLines})
	}
	return t, ds
}

// empty reports whether a file's records are all blank (or there are
// none): a 0-byte or BOM-only file, or one of empty lines.
func empty(recs []rawRecord) bool {
	for _, r := range recs {
		if !r.Blank {
			return false
		}
	}
	return true
}

func raggedHint(found, want int) string {
	if found > want {
		return "某个单元格里可能含有英文逗号：把逗号改成中文逗号“，”，或确认多出的列是否应删除"
	}
	return "这一行缺少单元格：补全各列（空着的列也要保留逗号），或在 Excel 中打开后重新保存"
}

func trimRight(cells []string) []string {
	n := len(cells)
	for n > 0 && strings.TrimSpace(cells[n-1]) == "" {
		n--
	}
	return cells[:n]
}

func truncate(s string) string {
	r := []rune(s)
	if len(r) > 80 {
		return string(r[:80]) + "…"
	}
	return s
}

// detectSeparator looks at the first non-empty line: a file that Excel
// wrote as "Unicode text" is tab-separated, and some locales use ';'.
func detectSeparator(text string) (rune, string) {
	first := ""
	for _, l := range strings.SplitN(text, "\n", 12) {
		if strings.TrimSpace(l) != "" && strings.Count(l, ",")+strings.Count(l, "\t")+strings.Count(l, ";") > 0 {
			first = l
			break
		}
	}
	c, t, s := strings.Count(first, ","), strings.Count(first, "\t"), strings.Count(first, ";")
	switch {
	case t > c && t >= s:
		return '\t', "制表符（Tab）"
	case s > c && s > t:
		return ';', "分号"
	}
	return ',', "逗号"
}

// NormalizeHeader folds a header cell for matching: surrounding and inner
// blanks (including ideographic, no-break and zero-width spaces) removed,
// full-width letters folded, lower-cased, and "_" "-" " " treated alike.
func NormalizeHeader(s string) string {
	s = FoldWidth(StripInvisible(s))
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch r {
		case ' ', '\t', '\n', '\r', '_', '-', '*', '＊':
			continue // \n: a line break typed with Alt+Enter in Excel
		}
		b.WriteRune(r)
	}
	return b.String()
}

// headerKeys holds headerKey's maps by the columns' first element, with
// a copy of the columns to check that they did not change: every file of
// a form needs the same map (issue 14: building it normalised every
// header and alias again for each file).
var headerKeys sync.Map // colsKey → headerKeyEntry

type colsKey struct {
	first *Column
	n     int
}

type headerKeyEntry struct {
	cols []Column
	m    map[string]string
}

// headerKey maps every normalised spelling of a header of cols to its
// field. The map is shared: read only.
func headerKey(cols []Column) map[string]string {
	if len(cols) == 0 {
		return map[string]string{}
	}
	k := colsKey{&cols[0], len(cols)}
	if e, ok := headerKeys.Load(k); ok && sameColumns(e.(headerKeyEntry).cols, cols) {
		return e.(headerKeyEntry).m
	}
	e := headerKeyEntry{cols: make([]Column, len(cols)), m: buildHeaderKey(cols)}
	for i, c := range cols {
		e.cols[i] = c
		e.cols[i].Aliases = append([]string(nil), c.Aliases...)
	}
	headerKeys.Store(k, e)
	return e.m
}

func sameColumns(a, b []Column) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Field != b[i].Field || a[i].Header != b[i].Header || !slices.Equal(a[i].Aliases, b[i].Aliases) {
			return false
		}
	}
	return true
}

func buildHeaderKey(cols []Column) map[string]string {
	m := map[string]string{}
	for _, c := range cols {
		m[NormalizeHeader(c.Header)] = c.Field
		m[NormalizeHeader(c.Field)] = c.Field
		for _, a := range c.Aliases {
			m[NormalizeHeader(a)] = c.Field
		}
	}
	return m
}

func looksLikeHeader(cells []string, cols []Column, keys map[string]string) bool {
	known := 0
	for _, c := range cells {
		if _, ok := keys[NormalizeHeader(c)]; ok {
			known++
		}
	}
	need := 2
	if len(cols) < 4 {
		need = len(cols)
	}
	nonEmpty := len(trimRight(cells))
	return known >= need && known*2 >= nonEmpty
}

// mapHeader maps header cells to field keys. It rejects duplicate headers
// (naming both positions), unknown headers (with the nearest known one)
// and missing required columns.
func mapHeader(file string, r rawRecord, row int, cols []Column, keys map[string]string, t *Table) ([]string, []diag.Diagnostic) {
	var ds []diag.Diagnostic
	idx := make([]string, len(r.Cells)) // column → field key ("" when unmapped)
	seen := map[string]int{}
	for i, cell := range r.Cells {
		h := strings.TrimSpace(StripInvisible(cell))
		if h == "" {
			continue
		}
		shown := diag.OneLine(h) // Alt+Enter in a header
		f, ok := keys[NormalizeHeader(cell)]
		if !ok {
			ds = append(ds, diag.Diagnostic{File: file, Line: r.Line, Row: row, Column: h, Value: h, Code: "header.unknown", Severity: diag.Error,
				Message: fmt.Sprintf("第 %d 列的表头“%s”不是本表的列", i+1, shown),
				Hint:    nearestHeaderHint(h, cols)})
			continue
		}
		if j, dup := seen[f]; dup {
			ds = append(ds, diag.Diagnostic{File: file, Line: r.Line, Row: row, Column: h, Value: h, Code: "header.duplicate", Severity: diag.Error,
				Message: fmt.Sprintf("表头“%s”出现了两次：第 %d 列（%s）和第 %d 列（%s）", shown, j+1, columnLetter(j), i+1, columnLetter(i)),
				Hint:    "删除重复的一列，或把它改成正确的列名"})
			continue
		}
		seen[f] = i
		idx[i] = f
		t.Headers[f] = h
		t.Index[f] = i
		t.Fields = append(t.Fields, f)
		if canon := canonicalHeader(f, cols); h != canon {
			ds = append(ds, diag.Diagnostic{File: file, Line: r.Line, Row: row, Column: h, Value: h, Code: "header.alias", Severity: diag.Warning,
				Message: fmt.Sprintf("表头“%s”按“%s”列读取", shown, canon), Hint: "规范表头为“" + canon + "”"})
		}
	}
	for _, c := range cols {
		if _, ok := seen[c.Field]; !ok && c.Required {
			ds = append(ds, diag.Diagnostic{File: file, Line: r.Line, Row: row, Column: c.Header, Code: "header.required", Severity: diag.Error,
				Message: fmt.Sprintf("缺少必需的列“%s”", c.Header),
				Hint:    "在表头中加上“" + c.Header + "”一列（可从模板复制表头）"})
		}
	}
	return idx, ds
}

func canonicalHeader(field string, cols []Column) string {
	for _, c := range cols {
		if c.Field == field {
			return c.Header
		}
	}
	return field
}

func nearestHeaderHint(h string, cols []Column) string {
	best, bd := "", 1<<30
	for _, c := range cols {
		for _, cand := range append([]string{c.Header, c.Field}, c.Aliases...) {
			if d := Distance(NormalizeHeader(h), NormalizeHeader(cand)); d < bd {
				best, bd = c.Header, d
			}
		}
	}
	if best != "" && bd <= 3 {
		return "是否应为“" + best + "”？请改成模板中的列名"
	}
	// A note in brackets added to a header: 安检日期（年/月/日）.
	if bare := strings.TrimSpace(bracketed.ReplaceAllString(h, "")); bare != "" && bare != h {
		for _, c := range cols {
			for _, cand := range append([]string{c.Header, c.Field}, c.Aliases...) {
				if NormalizeHeader(bare) == NormalizeHeader(cand) {
					return "是否应为“" + c.Header + "”？表头只写列名，删去括号中的说明"
				}
			}
		}
	}
	return "请删除该列，或改成模板中的列名"
}

// bracketed matches a note in brackets of any width: （年/月/日）, (元), 【必填】, [选填].
var bracketed = regexp.MustCompile(`[（(【\[][^）)】\]]*[）)】\]]`)

// ColumnLetter returns the Excel column letters of 0-based index i (A, B, … AA).
func ColumnLetter(i int) string { return columnLetter(i) }

// columnLetter returns the Excel column letters of 0-based index i (A, B, … AA).
func columnLetter(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}

// Distance is the Levenshtein distance between a and b, counted in runes.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := 1
			if ra[i-1] == rb[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

package validate

import (
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/gocarina/gocsv"

	"lpg/internal/calendar"
	"lpg/internal/csvio"
	"lpg/internal/diag"
	"lpg/internal/form"
	"lpg/internal/model"
)

// row is one data record after normalisation and schema validation. Its
// cells are kept by index, without a map per row (issue 14): by the
// file's column (rec.Cells, as written) and by the form's property
// (vals, normalised).
type row struct {
	rec  *csvio.Row // in the sheet's table
	c    *columns
	vals []string // by index of the form's property: normalised value ("" when empty or the file lacks the column)
	bad  uint64   // properties that already have an error: bit i for Props[i]
	// notYet marks a 汇总表 row that names a hazard but reports nothing
	// about it yet (a row of the pre-filled template left as it was): it
	// counts as unreported, with a warning, instead of failing the file.
	notYet bool
}

// columns maps a sheet's form onto its file: shared by its rows.
type columns struct {
	form *form.Form
	col  []int // by index of the form's property: 0-based column of the file, -1 when the file lacks it
	lost []int // indices of the form's properties among lostFields, in that order
}

// val returns the normalised value of field ("" when empty, absent or not a field of the form).
func (r *row) val(field string) string {
	if i := r.c.form.Index(field); i >= 0 {
		return r.vals[i]
	}
	return ""
}

// at returns the normalised value of property i ("" for -1: form.Index
// of a field the form lacks).
func (r *row) at(i int) string {
	if i < 0 {
		return ""
	}
	return r.vals[i]
}

// set replaces the normalised value of field (a field of the form).
func (r *row) set(field, v string) {
	if i := r.c.form.Index(field); i >= 0 {
		r.vals[i] = v
	}
}

// isBad reports whether field already has an error.
func (r *row) isBad(field string) bool {
	i := r.c.form.Index(field)
	return i >= 0 && r.bad&(1<<i) != 0
}

// isBadAt reports whether property i (form.Index; -1 for none) already has an error.
func (r *row) isBadAt(i int) bool { return i >= 0 && r.bad&(1<<i) != 0 }

func (r *row) markBad(field string) {
	if i := r.c.form.Index(field); i >= 0 {
		r.bad |= 1 << i
	}
}

// cell returns the cell of field as written and its physical line; ok is
// false when the file has no such column.
func (r *row) cell(field string) (raw string, line int, ok bool) {
	i := r.c.form.Index(field)
	if i < 0 || r.c.col[i] < 0 {
		return "", 0, false
	}
	j := r.c.col[i]
	return r.rec.Cells[j], r.rec.CellLine(j), true
}

// notYetReported reports whether a 汇总表 row holds only the hazard id and
// village: every field the town reports on is empty.
func notYetReported(f *form.Form, r *row) bool {
	if f.Name != form.Rectifications || r.val("hazard_id") == "" {
		return false
	}
	for i, p := range f.Props {
		if r.vals[i] != "" && p.Field != "hazard_id" && p.Field != "village" {
			return false
		}
	}
	return true
}

// sheet is a read file: its table, its normalised rows and the form.
type sheet struct {
	file string
	form *form.Form
	t    *csvio.Table
	rows []*row
	out  *diag.List
	ok   bool // the file could be read (header found); rows may still have errors
	// month is the month of a 排查表 or 汇总表 by its path (zero for other
	// files): two-digit years are read only inside its window.
	month calendar.Month
	// prefix is the start of every hazard id of a 排查表 (layout.Prefix), made once.
	prefix string
	// hazards or rects are what prepHazards or prepRects made of the rows
	// in a worker of stream (prepped), for readHazards or readRectifications.
	hazards []*model.Hazard
	rects   []*model.Rectification
	prepped bool
	// rowArr and valArr are the arrays behind rows and their values
	// (readSheet), for release to give back to freeArrays.
	rowArr []row
	valArr []string
}

// freeArrays keeps the arrays of rows and values of sheets that have
// been let go (validator.release), for readSheet to fill again: the
// submission files are read a few at a time (stream), so a handful of
// arrays serve a whole repository instead of two new ones per file
// (issue 14: 47 MB of a five-year validation's 260 MB were these). Safe
// for concurrent use; a nil *freeArrays makes new arrays and keeps none.
type freeArrays struct {
	mu      sync.Mutex
	rowList [][]row
	valList [][]string
}

// maxFree is how many arrays of each kind freeArrays keeps: about the
// number of files stream has in flight on two CPUs.
const maxFree = 12

// rows returns an array of n zero rows.
func (p *freeArrays) rows(n int) []row {
	if p == nil {
		return make([]row, n)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return take(&p.rowList, n)
}

// vals returns an array of n empty strings.
func (p *freeArrays) vals(n int) []string {
	if p == nil {
		return make([]string, n)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return take(&p.valList, n)
}

// put takes back the arrays of a sheet nothing reads any more, cleared
// (so that they hold on to no file's text), keeping the largest maxFree
// of each kind. Only what the sheet used (rows, vals) needs clearing:
// beyond it an array is still as put (or made) empty.
func (p *freeArrays) put(rows []row, vals []string) {
	if p == nil {
		return
	}
	clear(rows)
	clear(vals)
	rows, vals = rows[:cap(rows)], vals[:cap(vals)]
	p.mu.Lock()
	defer p.mu.Unlock()
	if cap(rows) > 0 {
		p.rowList = keepLargest(append(p.rowList, rows))
	}
	if cap(vals) > 0 {
		p.valList = keepLargest(append(p.valList, vals))
	}
}

// take removes from *list the smallest array with room for n and returns
// it cut to n (cleared by put), or a new array when none has room.
func take[T any](list *[][]T, n int) []T {
	best := -1
	for i, a := range *list {
		if cap(a) >= n && (best < 0 || cap(a) < cap((*list)[best])) {
			best = i
		}
	}
	if best < 0 {
		return make([]T, n)
	}
	a := (*list)[best]
	*list = slices.Delete(*list, best, best+1)
	return a[:n]
}

// keepLargest drops the smallest array of list when it holds more than maxFree.
func keepLargest[T any](list [][]T) [][]T {
	if len(list) <= maxFree {
		return list
	}
	small := 0
	for i, a := range list {
		if cap(a) < cap(list[small]) {
			small = i
		}
	}
	return slices.Delete(list, small, small+1)
}

// header returns the column header of field as written in the file.
func (s *sheet) header(field string) string { return s.t.Header(field, s.form.Columns) }

// report adds a diagnostic about field of r.
func (s *sheet) report(r *row, field string, sev diag.Severity, code, msg, hint string) {
	line := r.rec.Line
	col, val := "", ""
	if field != "" {
		raw, l, ok := r.cell(field)
		if ok {
			line = l
		}
		col = s.header(field)
		val = raw
		if sev == diag.Error {
			r.markBad(field)
		}
	}
	s.out.Add(diag.Diagnostic{File: s.file, Line: line, Row: r.rec.Row, Column: col, Value: strings.TrimSpace(val),
		Code: code, Message: msg, Hint: hint, Severity: sev})
}

func (s *sheet) errorf(r *row, field, code, hint, format string, a ...any) {
	s.report(r, field, diag.Error, code, fmt.Sprintf(format, a...), hint)
}

func (s *sheet) warnf(r *row, field, code, hint, format string, a ...any) {
	s.report(r, field, diag.Warning, code, fmt.Sprintf(format, a...), hint)
}

// readSheet decodes b as form f, normalises every cell by its kind and
// checks every row against the JSON Schema, compiled (form.CheckCells:
// the same verdicts as jsonschema, tested and fuzzed in package form).
//
// The sheet collects its diagnostics in its own list (s.out), so that
// files can be read concurrently; the validator merges them at the end.
//
// The arrays of the rows and their values come from free (nil: made
// anew); release gives them back once the file's rules have run. The
// sheet keeps b (csvio.ReadRows: the cells of a UTF-8 file are substrings
// of it): the caller must not change b afterwards.
func readSheet(file string, b []byte, f *form.Form, free *freeArrays) *sheet {
	out := &diag.List{}
	t, ds := csvio.ReadRows(file, b, f.Columns)
	out.AddAll(ds)
	s := &sheet{file: file, form: f, t: t, out: out}
	if m, _, ok := looseSubmission(file); ok && (f.Name == form.Hazards || f.Name == form.Rectifications) {
		s.month, _ = calendar.ParseMonth(m)
	}
	if t == nil {
		return s
	}
	for _, d := range ds {
		if d.Severity == diag.Error && d.Line == t.HeaderLine && strings.HasPrefix(d.Code, "header.") {
			return s // a broken header makes every row unreadable; the header errors say why
		}
	}
	s.ok = true
	c := &columns{form: f, col: make([]int, len(f.Props))}
	for _, lf := range lostFields {
		if i := f.Index(lf); i >= 0 {
			c.lost = append(c.lost, i)
		}
	}
	for i, p := range f.Props {
		c.col[i] = -1
		if j, ok := t.Index[p.Field]; ok {
			c.col[i] = j
		}
	}
	n := len(f.Props)
	rows := free.rows(len(t.Rows))     // one array for the rows of the file,
	vals := free.vals(n * len(t.Rows)) // and one for their values
	s.rowArr, s.valArr = rows, vals
	s.rows = make([]*row, 0, len(t.Rows))
	var viol []form.Violation
	for k := range t.Rows {
		rec := &t.Rows[k]
		r := &rows[k]
		*r = row{rec: rec, c: c, vals: vals[k*n : (k+1)*n : (k+1)*n]}
		for i, p := range f.Props {
			if j := c.col[i]; j >= 0 {
				s.normalise(r, i, p, rec.Cells[j])
			}
		}
		s.lostCharacters(r)
		if notYetReported(f, r) {
			r.notYet = true
			s.warnf(r, "hazard_id", "status.not_yet", "已有进展时再填写整改状态和核查人；这一行也可以删除",
				"隐患“%s”这一行还没有填写整改状态，按“未报送”统计", r.val("hazard_id"))
			s.rows = append(s.rows, r)
			continue
		}
		viol = f.CheckCells(viol[:0], r.vals) // vals are in the order of f.Props, as CheckCells wants
		for _, v := range viol {
			if r.isBad(v.Field) {
				continue
			}
			if _, present := t.Headers[v.Field]; !present && v.Keyword == "required" && f.Prop(v.Field) != nil && requiredColumn(f, v.Field) {
				continue // the missing column is reported once, on the header
			}
			s.schemaError(r, v)
		}
		s.rows = append(s.rows, r)
	}
	return s
}

// lostFields are the cells holding names and places, where a rare
// character (李𠮷, 欧阳䶮) is most likely and its loss matters.
var lostFields = []string{"user_name", "address", "village", "inspector", "verifier", "name"}

// lostCharacters warns about a name, address or village cell in which a
// character was probably lost on the way: a U+FFFD replacement character,
// or in a GBK/GB18030 file a "?" (Excel's "CSV" and LibreOffice's
// "GBK / Windows-936" write "?" for a character GBK does not have). The
// file is read as written; the warning names the cell and says how to
// save the file so the character survives (issue 12 finding 2).
func (s *sheet) lostCharacters(r *row) {
	for _, i := range r.c.lost {
		f, v := s.form.Props[i].Field, r.vals[i]
		if v == "" {
			continue
		}
		// (v is valid UTF-8, as Decode gives every text: a search for the
		// bytes of U+FFFD finds what ContainsRune would, without
		// decoding every character to look for invalid bytes)
		if !strings.Contains(v, "\uFFFD") && !(s.t.Encoding == "GB18030" && strings.ContainsAny(v, "?？")) {
			continue
		}
		s.warnf(r, f, "encoding.lost", "在 Excel 中“另存为”→“CSV UTF-8（逗号分隔）”（WPS、LibreOffice 选 UTF-8 或 GB18030 编码）后重新提交，并核对该单元格的原字",
			"%s“%s”中有“?”或“\uFFFD”：文件按 GBK 等编码保存时，GBK 中没有的生僻字（如“𠮷”“䶮”）会被替换成问号，原字已丢失", s.form.Prop(f).Header, v)
	}
}

func requiredColumn(f *form.Form, field string) bool {
	for _, c := range f.Columns {
		if c.Field == field {
			return c.Required
		}
	}
	return false
}

// excelScientific reports whether v, a cell of a code column (x-kind
// "code": 告知单编号, 用户编号, 安检单号 …), is a long number as Excel and
// LibreOffice write it in the scientific notation of a General cell:
// 1.23457E+13, 3.10118E+11, 1E+13 — a digit first and the exponent's sign,
// so a code such as 2E01 is not one (review of 2026-12-02, round 3, G1).
// It allocates nothing; the regular expression runs only on such cells.
func excelScientific(v string) bool {
	return v != "" && v[0] >= '0' && v[0] <= '9' && strings.IndexByte(v, '+') > 0 && csvio.IsScientific(v)
}

// normalise cleans one cell by the kind its schema property declares and
// reports every change as a warning (DESIGN.md: nothing normalised silently).
func (s *sheet) normalise(r *row, i int, p form.Prop, raw string) {
	switch p.Kind {
	case "code", "int":
		c := csvio.CleanCode(raw)
		if c.Changed {
			s.warnf(r, p.Field, "value.width", "无需处理", "全角字符或空格已转换：“%s”按“%s”读取", strings.TrimSpace(raw), c.Value)
		}
		r.vals[i] = c.Value
		if p.Kind == "code" && excelScientific(c.Value) {
			s.errorf(r, p.Field, p.Field+".scientific",
				"Excel 把长数字显示成了科学计数法，后几位已丢失：在 Excel 中选中该列→右键“设置单元格格式”→“文本”，重新输入完整编号后再保存",
				"%s“%s”是科学计数法，编号已不完整", p.Header, c.Value)
		}
		if p.Kind == "int" && strings.ContainsAny(c.Value, ",.") { // excelCount reads nothing else
			if n, ok := excelCount(c.Value); ok {
				r.vals[i] = strconv.Itoa(n)
				s.warnf(r, p.Field, "value.number", "无需处理；整数列请设为“常规”或“数值（0 位小数）”格式，不用千位分隔符",
					"%s“%s”按 %d 读取", p.Header, c.Value, n)
			}
		}
	case "phone":
		c := csvio.CleanCode(raw)
		v := strings.ReplaceAll(c.Value, " ", "")
		if c.Changed || v != c.Value {
			s.warnf(r, p.Field, "value.width", "无需处理", "全角字符或空格已转换：“%s”按“%s”读取", strings.TrimSpace(raw), v)
		}
		r.vals[i] = v
		switch {
		case strings.ContainsAny(v, "eE") && csvio.IsScientific(v):
			s.errorf(r, p.Field, p.Field+".scientific",
				"Excel 把长数字显示成了科学计数法，后几位已丢失：在 Excel 中选中该列→右键“设置单元格格式”→“文本”，重新输入完整号码后再保存",
				"%s“%s”是科学计数法，号码已不完整", p.Header, v)
		case isDigits(v) && len(v) >= 9 && len(v) <= 10 && v[0] != '1' && v[0] != '0':
			s.errorf(r, p.Field, p.Field+".leading_zero",
				"Excel 去掉了区号前面的 0：把该列设为“文本”格式，填写如 021-59720000",
				"%s“%s”像是丢了开头的 0 的固定电话", p.Header, v)
		}
	case "date":
		c := csvio.CleanCode(raw)
		d, changed, err := csvio.ParseDate(c.Value)
		de, _ := err.(*csvio.DateError)
		switch {
		case de != nil && de.ShortYear && !s.month.IsZero() && csvio.ShortYearIn(de.Date, s.month):
			r.vals[i] = de.Date.String()
			s.warnf(r, p.Field, "date.short_year", "请核对；写成四位年份 YYYY-MM-DD 可免此提示（中文版 LibreOffice 会把 2026/11/10 显示并保存为“26年11月10日”：把该列设为文本或 YYYY-MM-DD 格式）",
				"日期“%s”只有两位年份，按本表月份 %s 读作 %s", strings.TrimSpace(raw), s.month, de.Date)
		case de != nil && !de.MonthFirst.IsZero():
			r.vals[i] = c.Value
			s.errorf(r, p.Field, p.Field+".month_first", "在 Excel 或 LibreOffice 中选中该列→右键“设置单元格格式”→自定义格式 YYYY-MM-DD（或设为“文本”后填写 2026-07-05），再另存为 CSV",
				"%s“%s”是英文版 Excel 或 LibreOffice 的“月/日/年”短日期（按月/日/年读是 %s）：lpg 不按月在前读取日期，因为分不清 10/5 是 10 月 5 日还是 5 月 10 日", p.Header, c.Value, de.MonthFirst)
		case de != nil && de.ShortYear:
			r.vals[i] = c.Value
			s.errorf(r, p.Field, p.Field+".invalid", "写成四位年份，如 2026-07-05",
				"%s“%s”只有两位年份，且读作 %s 不在本表月份附近，无法确定是哪一年", p.Header, c.Value, de.Date)
		case err != nil:
			r.vals[i] = c.Value
			if de != nil && de.Exists {
				s.errorf(r, p.Field, p.Field+".invalid", "检查月份和日期，如 7 月只有 31 天、2 月只有 28 或 29 天",
					"%s“%s”不是存在的日期", p.Header, c.Value)
			} else {
				s.errorf(r, p.Field, p.Field+".invalid", "填写为 2026-07-05 这样的日期（也接受 2026/7/5、2026.7.5、2026年7月5日）",
					"%s“%s”不是可识别的日期", p.Header, c.Value)
			}
		case changed || c.Changed:
			r.vals[i] = d.String()
			s.warnf(r, p.Field, "date.normalised", "无需处理；规范写法为 YYYY-MM-DD", "日期“%s”按 %s 读取", strings.TrimSpace(raw), d)
		default:
			r.vals[i] = c.Value // already YYYY-MM-DD (or empty): d.String() without allocating
		}
	default:
		c := csvio.CleanText(raw)
		if c.Changed {
			if names := csvio.InvisibleIn(raw); names != "" {
				s.warnf(r, p.Field, "value.invisible", "无需处理", "“%s”中的不可见字符或特殊空格（%s）已去除", p.Header, names)
			} else {
				s.warnf(r, p.Field, "value.invisible", "无需处理", "“%s”中的不可见字符或特殊空格已去除", p.Header)
			}
		}
		r.vals[i] = c.Value
		if v := c.Value; len(v) > 1 && v[0] == '\'' && strings.IndexByte("=+-@", v[1]) >= 0 && csvio.Neutralize(v[1:]) == v {
			// the downloads' own escape (csvio.Neutralize), read back on a
			// clerk's round trip of a 预填汇总表 or hazards.csv (review of
			// 2026-12-02, round 3, G2)
			r.vals[i] = v[1:]
			s.warnf(r, p.Field, "value.apostrophe", "无需处理；这是网站下载的文件，开头的 ' 不必保留",
				"%s“%s”开头的 ' 是网站下载的 CSV 为防止 Excel 当作公式而加的，已去除，按“%s”读取", p.Header, v, v[1:])
		} else if csvio.IsFormulaLike(c.Value) {
			s.warnf(r, p.Field, "value.formula", "如果不是有意的，请删除开头的符号",
				"%s以“%s”开头，Excel 可能把它当作公式；lpg 按文本保存，网站提供的下载文件会在前面加 ' 以防被执行", p.Header, c.Value[:1])
		}
	}
}

// reThousands is an integer written with thousands separators, as Excel
// saves a number cell formatted "1,200" to CSV.
var reThousands = regexp.MustCompile(`^[0-9]{1,3}(,[0-9]{3})+$`)

// excelCount reads the integer forms Excel writes for a whole number that
// are not plain digits: "1,200" (thousands separators) and "120.0" or
// "120.00" (a number format with decimals). ok is false for plain digits
// and for anything else (the schema then reports it).
func excelCount(v string) (int, bool) {
	if reThousands.MatchString(v) {
		n, err := strconv.Atoi(strings.ReplaceAll(v, ",", ""))
		return n, err == nil
	}
	if i := strings.IndexByte(v, '.'); i > 0 && isDigits(v[:i]) && strings.Trim(v[i+1:], "0") == "" && len(v) > i+1 {
		n, err := strconv.Atoi(v[:i])
		return n, err == nil
	}
	return 0, false
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// conditionalRequired gives the message for a field required by an if/then
// rule of the schema (the rule is in the schema; the wording is here).
var conditionalRequired = map[string]string{
	"notice_no":      "现场处置为“书面告知限期整改”时必须填写告知单编号",
	"method":         "整改状态为“已整改”时必须填写整改方式",
	"rectified_date": "该整改状态必须填写整改完成日期",
	"reason":         "整改状态为整改中、未整改或拒不整改时必须填写未整改原因",
}

func (s *sheet) schemaError(r *row, v form.Violation) {
	p := s.form.Prop(v.Field)
	if p == nil {
		s.errorf(r, "", "schema."+v.Keyword, "", "第 %d 行不符合表格规则（%s）", r.rec.Row, v.Keyword)
		return
	}
	switch v.Keyword {
	case "required":
		if msg, ok := conditionalRequired[v.Field]; ok && s.form.Name != "receipts" {
			hint := "补填“" + p.Header + "”"
			if v.Field == "rectified_date" {
				msg = fmt.Sprintf("整改状态为“%s”时必须填写整改完成日期", r.val("status"))
				hint = "填写整改完成的日期，如 2026-08-18；仅“核实无此隐患”可不填"
			}
			s.errorf(r, v.Field, v.Field+".required", hint, "%s", msg)
			return
		}
		hint := "补填“" + p.Header + "”"
		if p.Desc != "" {
			hint += "（" + p.Desc + "）"
		}
		s.errorf(r, v.Field, v.Field+".required", hint, "必填项“%s”为空", p.Header)
	case "enum":
		msg := p.Message
		if msg == "" {
			msg = p.Header + "不在可选范围内"
		}
		hint := p.Hint
		if near := nearestOf(r.val(v.Field), p.Enum); near != "" {
			hint = "是否应为“" + near + "”？" + hint
		}
		s.errorf(r, v.Field, v.Field+".enum", hint, "%s：“%s”", msg, r.val(v.Field))
	default:
		msg := p.Message
		if msg == "" {
			msg = p.Header + "格式不对"
		}
		hint := p.Hint
		if hint == "" {
			hint = p.Desc
		}
		s.errorf(r, v.Field, v.Field+".format", hint, "%s：“%s”", msg, r.val(v.Field))
	}
}

// nearestOf is the option of an enum that value v was probably meant to
// be, "" when there is no safe guess (review round 3, G31: a guess that is
// wrong changes data — × suggested as 是 sends a household to 联合整治,
// 轻微 or 较大 suggested as 重大 makes a hazard 重大). For a 是/否 column the
// usual spellings of yes and no (√ ✓ 1 Y YES TRUE 是的 已移交 / × ✗ 0 N NO
// FALSE 无 不) map to 是 and 否. Otherwise an option is suggested only when
// one of v and it contains the other (一般隐患 → 一般), or when they differ
// by at most a third of the characters of each (已整该 → 已整改): never on a
// one- or two-character vocabulary by edit distance alone. Pure.
func nearestOf(v string, options []string) string {
	if len(options) == 2 && slices.Contains(options, "是") && slices.Contains(options, "否") {
		return yesNo[strings.ToUpper(v)]
	}
	best, bd := "", 0
	for _, o := range options {
		if v == "" || o == "" {
			continue
		}
		d := csvio.Distance(v, o)
		ok := strings.Contains(v, o) || strings.Contains(o, v) ||
			(d*3 <= utf8.RuneCountInString(o) && d*3 <= utf8.RuneCountInString(v))
		if ok && (best == "" || d < bd) {
			best, bd = o, d
		}
	}
	return best
}

// yesNo maps the spellings of yes and no that clerks and spreadsheets
// write (upper-cased) to the enum values 是 and 否.
var yesNo = map[string]string{
	"√": "是", "✓": "是", "✔": "是", "1": "是", "Y": "是", "YES": "是", "TRUE": "是", "是的": "是", "已移交": "是", "移交": "是", "对": "是",
	"×": "否", "✗": "否", "✘": "否", "0": "否", "N": "否", "NO": "否", "FALSE": "否", "无": "否", "不": "否", "未移交": "否", "不移交": "否",
}

// decodeInto maps the normalised rows onto a slice of structs whose fields
// are all strings tagged `csv:"<field>"`, using gocsv. Cells stay strings:
// converting them is the caller's job, so "" never becomes 0 and "010"
// never becomes 8.
func decodeInto(rows []*row, fields []string, out any) error {
	recs := make([][]string, 0, len(rows)+1)
	recs = append(recs, fields)
	for _, r := range rows {
		rec := make([]string, len(fields))
		for i, f := range fields {
			rec[i] = r.val(f)
		}
		recs = append(recs, rec)
	}
	return gocsv.UnmarshalCSV(&sliceReader{recs: recs}, out)
}

type sliceReader struct {
	recs [][]string
	i    int
}

func (s *sliceReader) Read() ([]string, error) {
	if s.i >= len(s.recs) {
		return nil, io.EOF
	}
	s.i++
	return s.recs[s.i-1], nil
}

func (s *sliceReader) ReadAll() ([][]string, error) {
	out := s.recs[s.i:]
	s.i = len(s.recs)
	return out, nil
}

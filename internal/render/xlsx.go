package render

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/xuri/excelize/v2"

	"lpg/internal/calendar"
	"lpg/internal/form"
	"lpg/internal/layout"
	"lpg/internal/loop"
	"lpg/internal/workbook"
)

// Workbooks (issue 6): report.xlsx with the tables of a monthly report, for
// those who forward it by e-mail, and each town's 派发清单 and pre-filled
// 汇总表 as .xlsx beside the CSV. Cells are written as typed values
// (strings never become formulas); the public build masks exactly as the
// CSV downloads do, because the rows come from the same columns.

// pct is a ratio written as a number with a percentage format.
type pct float64

// sheet is one worksheet: a header row (bold, frozen) and rows.
type sheet struct {
	Name string
	Head []string
	Rows [][]any
}

// book writes the sheets into a workbook. It is deterministic: excelize
// writes fixed document dates and zip times. Cells are typed: a string is
// text, an int a number, a pct a number in workbook.PercentFormat, a
// calendar.Date a date in workbook.DateFormat (never format 14, which
// office suites show in their own language). Columns are as wide as their
// content (up to 60), and every sheet prints on A4 landscape, fit to the
// page width, with its header row repeated (issue 12 finding 6).
//
// The rows are streamed (excelize.StreamWriter, issue 14): each sheet is
// written row by row as XML instead of being built as a tree of cells
// first; text is written in its cell (inline) rather than in a shared
// string table, which changes no cell's value.
func book(sheets []sheet) ([]byte, error) {
	widths := sheetWidths(sheets)
	fast := fastRows(sheets, widths)
	if !fast {
		excelizeBooks.Add(1)
	}
	return writeBook(sheets, widths, fast)
}

// excelizeBooks counts the workbooks book wrote entirely through excelize
// (a cell rowsWriter does not take): TestSiteWorkbooksUseRowsWriter
// checks that the site's workbooks do not.
var excelizeBooks atomic.Int64

// bookExcelize is book with every row written by excelize's StreamWriter:
// the reference that book's own row writer (xlsxrows.go) is tested against
// byte for byte, and the writer of a workbook with a cell that writer does
// not take (fastRows).
func bookExcelize(sheets []sheet) ([]byte, error) {
	return writeBook(sheets, sheetWidths(sheets), false)
}

// sheetWidths are the columnWidths of each sheet.
func sheetWidths(sheets []sheet) [][]int {
	widths := make([][]int, len(sheets))
	for i, sh := range sheets {
		widths[i] = columnWidths(sh)
	}
	return widths
}

// columnWidths are the widths of sh's columns (characters, as
// workbook.TextWidth counts them): as wide as the header and the content,
// up to 60; longText does not widen its column.
func columnWidths(sh sheet) []int {
	widths := make([]int, len(sh.Head))
	for c, h := range sh.Head {
		widths[c] = workbook.TextWidth(h) + 2
	}
	grow := func(c, w int) {
		if c < len(widths) {
			widths[c] = max(widths[c], min(w+2, 60))
		}
	}
	for _, row := range sh.Rows {
		for c, v := range row {
			switch x := v.(type) {
			case string:
				grow(c, workbook.TextWidth(x))
			case pct:
				grow(c, 6)
			case int:
				grow(c, len(strconv.Itoa(x)))
			case calendar.Date:
				if !x.IsZero() {
					grow(c, 10)
				}
			}
		}
	}
	return widths
}

// writeBook writes the workbook of book. With fast, the rows after the
// header are written by book's own row writer (rowsWriter), spliced into
// each sheet in place of a placeholder row when the zip is written
// (sortedZip.splice) — the same bytes excelize writes, without its cost
// per cell (issue 14: excelize's SetRow was a quarter of a cold build with
// editions); else every row goes through excelize.
func writeBook(sheets []sheet, widths [][]int, fast bool) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	z := &sortedZip{parts: map[string]*bytes.Buffer{}}
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter {
		z.zw = zip.NewWriter(w)
		z.zw.RegisterCompressor(zip.Deflate, workbook.Deflater)
		return z
	})
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Color: []string{"DDEBF7"}, Pattern: 1}})
	if err != nil {
		return nil, err
	}
	percentStyle, err := workbook.PercentStyle(f)
	if err != nil {
		return nil, err
	}
	dateStyle, err := workbook.DateStyle(f)
	if err != nil {
		return nil, err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return nil, err
	}
	st := cellStyles{percent: percentStyle, date: dateStyle, wrap: wrap}
	for i, sh := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sh.Name); err != nil {
				return nil, err
			}
		} else if _, err := f.NewSheet(sh.Name); err != nil {
			return nil, err
		}
	}
	// Before any sheet is streamed: afterwards excelize would read every
	// streamed sheet back to mark which one is selected.
	f.SetActiveSheet(0)
	for i, sh := range sheets {
		// The page setup is part of the worksheet the stream starts from.
		if err := workbook.PrintSetup(f, sh.Name, 1); err != nil {
			return nil, err
		}
		sw, err := f.NewStreamWriter(sh.Name)
		if err != nil {
			return nil, err
		}
		if len(sh.Head) > 0 {
			if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
				return nil, err
			}
		}
		// Column widths first: a stream writes them before the rows.
		for c, w := range widths[i] {
			if err := sw.SetColWidth(c+1, c+1, float64(max(w, 8))); err != nil {
				return nil, err
			}
		}
		head := make([]any, len(sh.Head))
		for c, h := range sh.Head {
			head[c] = excelize.Cell{StyleID: bold, Value: h}
		}
		if err := sw.SetRow("A1", head); err != nil {
			return nil, err
		}
		if fast && len(sh.Rows) > 0 {
			token := fmt.Sprintf("lpg-rows-%d", i)
			if err := sw.SetRow("A2", []any{token}); err != nil {
				return nil, err
			}
			z.splice(placeholderRow(token), rowsWriter{rows: sh.Rows, widths: widths[i], st: st})
		} else {
			for r, row := range sh.Rows {
				cells := make([]any, len(row))
				var opts []excelize.RowOpts
				for c, v := range row {
					switch x := v.(type) {
					case string:
						cells[c] = x
					case longText: // wrapped in its cell; does not widen the column
						cells[c] = excelize.Cell{StyleID: wrap, Value: string(x)}
						if h := longTextHeight(x, c, widths[i]); h > 0 { // enough lines for its width
							opts = []excelize.RowOpts{{Height: h}}
						}
					case pct:
						cells[c] = excelize.Cell{StyleID: percentStyle, Value: pctValue(x)}
					case int:
						cells[c] = x
					case calendar.Date:
						if !x.IsZero() {
							cells[c] = excelize.Cell{StyleID: dateStyle, Value: time.Date(x.Year, x.Month, x.Day, 0, 0, 0, 0, time.UTC)}
						}
					default:
						cells[c] = x
					}
				}
				cell, _ := excelize.CoordinatesToCellName(1, r+2)
				if err := sw.SetRow(cell, cells, opts...); err != nil {
					return nil, err
				}
			}
		}
		if err := sw.Flush(); err != nil {
			return nil, err
		}
	}
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		return nil, err
	}
	if err := z.err(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// pctValue is the number a pct cell holds: rounded to 4 decimal places.
func pctValue(x pct) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(float64(x), 'f', 4, 64), 64)
	return v
}

// longTextHeight is the height (points) of the row of a longText cell in
// column c: 15 points a line, enough lines for its column's width; 0 when
// the column has no width (no header).
func longTextHeight(x longText, c int, widths []int) float64 {
	if c >= len(widths) {
		return 0
	}
	lines := 1 + workbook.TextWidth(string(x))/max(widths[c], 8)
	return float64(15 * lines)
}

// sortedZip is the zip writer of book: excelize writes the parts of
// streamed sheets in the order of a map, so sortedZip collects every part
// and writes them on Close by name, descending (the order excelize gives
// the other parts): the same workbook gives the same bytes.
type sortedZip struct {
	zw    *zip.Writer
	parts map[string]*bytes.Buffer
	// splices: a placeholder row (bytes as excelize wrote it) → the rows
	// that replace it, written when the zip is (writeBook's fast path).
	splices map[string]rowsWriter
	// spliced counts the placeholders replaced, so that one that was not
	// found is an error (z.err), never a sheet without its rows.
	spliced int
}

// splice has the placeholder row ph replaced by rows when the parts are
// written.
func (z *sortedZip) splice(ph string, rows rowsWriter) {
	if z.splices == nil {
		z.splices = map[string]rowsWriter{}
	}
	z.splices[ph] = rows
}

// err reports a placeholder row that no part contained.
func (z *sortedZip) err() error {
	if z.spliced != len(z.splices) {
		return fmt.Errorf("xlsx: %d of %d sheets' rows not written (placeholder row not found)", len(z.splices)-z.spliced, len(z.splices))
	}
	return nil
}

func (z *sortedZip) Create(name string) (io.Writer, error) {
	if _, dup := z.parts[name]; dup {
		return nil, fmt.Errorf("xlsx: part %q written twice", name)
	}
	b := &bytes.Buffer{}
	z.parts[name] = b
	return b, nil
}

func (z *sortedZip) AddFS(fs.FS) error { return errors.New("xlsx: AddFS not supported") }

func (z *sortedZip) Close() error {
	names := make([]string, 0, len(z.parts))
	for n := range z.parts {
		names = append(names, n)
	}
	sort.Sort(sort.Reverse(sort.StringSlice(names)))
	for _, n := range names {
		w, err := z.zw.Create(n)
		if err != nil {
			return err
		}
		if err := z.write(w, z.parts[n].Bytes()); err != nil {
			return err
		}
	}
	return z.zw.Close()
}

// write writes part b to w, with a placeholder row in it (at most one: each
// is a sheet's only row 2) replaced by its rows.
func (z *sortedZip) write(w io.Writer, b []byte) error {
	if len(z.splices) > 0 && bytes.HasPrefix(b, []byte(xml.Header)) {
		for ph, rows := range z.splices {
			k := bytes.Index(b, []byte(ph))
			if k < 0 {
				continue
			}
			if _, err := w.Write(b[:k]); err != nil {
				return err
			}
			if err := rows.write(w); err != nil {
				return err
			}
			z.spliced++
			b = b[k+len(ph):]
			break
		}
	}
	_, err := w.Write(b)
	return err
}

// dateCell is a YYYY-MM-DD string as a date cell ("" stays empty text).
func dateCell(v string) any {
	if d, err := calendar.ParseISODate(v); err == nil {
		return d
	}
	return v
}

// longText is a cell of running text (the 概况 summary): wrapped within its
// column instead of widening it, so the numbers beside it stay on the page.
type longText string

// reportXLSX is report.xlsx of report s.reports[i]: the same tables as the
// report page, with the hazard lists in full.
func (s *site) reportXLSX(i int, p reportPage) ([]byte, error) {
	r := s.reports[i]
	at := loop.AsOfFor(s.months[i], s.opt.AsOf)
	sum := sheet{Name: "概况", Head: []string{"项目", "内容"}, Rows: [][]any{
		{"月报", p.Head.Title + " " + p.Head.PeriodCN + " " + p.Head.IssueNo}, {"印发单位", p.Head.Issuer},
		{"版本", map[bool]string{true: "草稿，未发布", false: p.Head.Published + "发布（" + p.Head.Edition + "）"}[p.Head.Draft]},
		{"统计截至", formatTime(at) + "（北京时间）"},
		{"数据版本", s.dataVersion()}, {"摘要", longText(p.X.Summary)},
		{"数据完整性", longText(strings.TrimSpace(p.Comp.New + " " + p.Comp.Cohort + " " + p.Comp.Open))},
		{"新发现隐患（" + r.NewHazards.Month + "）", newHazardsCell(r.NewHazards.Total, p.Comp)},
		{"整改批次（" + r.Rectification.Month + "）隐患数", r.Rectification.Total},
		{"批次闭环率", pct(r.Rectification.ClosureRate)}, {"其中待报送（汇总表未到期）", r.Rectification.Pending},
		{"未闭环（" + r.NewHazards.Month + " 及以前）", r.Open.Total}, {"其中重大", len(r.Open.MajorIDs)},
		{"用户逾期未整改", r.Open.Overdue}, {"街镇逾期未办结", r.Open.TownOverdue}, {"移交联合整治", r.Open.Escalated},
	}}
	if s.opt.Internal {
		sum.Rows = append(sum.Rows, []any{"密级", "内部资料"})
	}
	counts := func(name, what string, rows []countRow, withCode bool) sheet {
		sh := sheet{Name: name, Head: []string{what, "隐患数"}}
		if withCode {
			sh.Head = []string{what, "代码", "隐患数"}
		}
		for _, c := range rows {
			if withCode {
				sh.Rows = append(sh.Rows, []any{c.Name, c.Code, c.N})
			} else {
				sh.Rows = append(sh.Rows, []any{c.Name, c.N})
			}
		}
		return sh
	}
	cohort := sheet{Name: "整改情况", Head: []string{"街镇", "隐患数", "已整改", "已消除", "核实无此隐患", "整改中", "未整改", "拒不整改", "待报送", "未报送", "闭环率"}}
	for _, c := range append(append([]cohortRow(nil), p.Cohort...), p.CohortTotal) {
		cohort.Rows = append(cohort.Rows, []any{c.Name, c.Total, c.Rectified, c.Eliminated, c.Void, c.InProgress, c.NotRectified, c.Refused, c.Pending, c.Unreported, pct(c.ClosureRate)})
	}
	open := sheet{Name: "街镇排名", Head: []string{"排名", "街镇", "街镇逾期未办结", "批次隐患数", "待报送", "已到期闭环率", "移交联合整治", "未闭环", "用户逾期未整改"}}
	for _, o := range p.Fair {
		open.Rows = append(open.Rows, []any{o.Rank, o.Name, o.TownOverdue, o.CohortTotal, o.Pending, o.DueRate, o.Esc, o.Open, o.Overdue})
	}
	open.Rows = append(open.Rows, []any{"", "全区", r.Open.TownOverdue, r.Rectification.Total, r.Rectification.Pending, p.FairAvg, r.Open.Escalated, r.Open.Total, r.Open.Overdue})
	list := func(name string, rows []listRow) sheet {
		sh := sheet{Name: name, Head: []string{"隐患编号", "隐患月份", "街镇", "村居", "隐患类别", "等级", "安检日期", "整改期限", "逾期天数", "整改状态", "移交联合整治"}}
		for _, x := range rows {
			sh.Rows = append(sh.Rows, []any{x.ID, x.Month, x.Town, x.Village, x.Type, x.Severity, dateCell(x.Inspected), dateCell(x.Due), x.DaysLate, x.Status, yesNo(x.Escalated)})
		}
		return sh
	}
	ml := s.lists(i)
	over, _ := s.rowsOf(ml, ml.overdue, -1)
	esc, _ := s.rowsOf(ml, ml.escalated, -1)
	subs := sheet{Name: "材料报送", Head: []string{"材料", "所属月份", "报送单位", "代码", "截止时间", "收到时间", "状态"}}
	for _, x := range p.Submissions {
		subs.Rows = append(subs.Rows, []any{x.Form, x.Month, x.SubmitterName, x.Submitter, x.Due, x.Received, x.StatusLabel})
	}
	trend := sheet{Name: "趋势", Head: []string{"月报", "新发现", "整改批次", "批次已闭环", "未闭环", "用户逾期未整改", "街镇逾期未办结", "移交联合整治", "说明"}}
	for _, t := range p.X.Trend {
		var n any = t.New
		if t.NewNotDue {
			n = "未到期"
		} else if t.NewMissing {
			n = "未收到"
		}
		var notes []string
		ents := func(ids []string) string {
			names := make([]string, len(ids))
			for k, id := range ids {
				names[k] = s.enterpriseName(id)
			}
			return strings.Join(names, "、")
		}
		if len(t.NewLate) > 0 {
			notes = append(notes, "排查表逾期未报："+ents(t.NewLate)+"（新发现只计已收到的排查表）")
		}
		if len(t.NewPending) > 0 {
			notes = append(notes, "排查表尚未到期："+ents(t.NewPending)+"（新发现只计已收到的排查表）")
		}
		var cohortCell, closedCell any = t.Cohort, t.Closed
		switch {
		case t.CohortNoData:
			cohortCell, closedCell = "—", "—"
			notes = append(notes, "整改批次（前两月）的排查表未收到，没有批次数据")
		case len(t.RectMissing) > 0:
			names := make([]string, len(t.RectMissing))
			for k, code := range t.RectMissing {
				names[k] = s.townName(code)
			}
			notes = append(notes, "汇总表逾期未报："+strings.Join(names, "、")+"（批次已闭环只计已报送的整改）")
		}
		trend.Rows = append(trend.Rows, []any{t.Period, n, cohortCell, closedCell, t.Open, t.Overdue, t.TownOver, t.Escalated, strings.Join(notes, "；")})
	}
	return book([]sheet{sum,
		counts("新增-按等级", "等级", p.BySeverity, false), counts("新增-按街镇", "街镇", p.ByTown, true),
		counts("新增-按企业", "企业", p.ByEnterprise, true), counts("新增-按类别", "隐患类别", p.ByType, true),
		cohort, open, list("用户逾期未整改清单", over), list("移交联合整治", esc), subs, trend})
}

// hazardsXLSX is the 派发清单 of town for month m as a workbook: the same
// columns and masking as hazardsCSV.
func (s *site) hazardsXLSX(m calendar.Month, town string) ([]byte, error) {
	cols := s.hazardColumns()
	sh := sheet{Name: "派发清单"}
	for _, c := range cols {
		sh.Head = append(sh.Head, c.head)
	}
	for _, h := range s.hazardsOf(m, town) {
		st := s.tl.Evaluate(h, s.d.Rects[h.ID], s.opt.AsOf)
		row := make([]any, len(cols))
		for i, c := range cols {
			v := c.val(st)
			switch c.head {
			case "安检日期", "整改期限", "整改完成日期":
				row[i] = dateCell(v)
			case "钢瓶数量", "逾期天数":
				if n, err := strconv.Atoi(v); err == nil {
					row[i] = n
				} else {
					row[i] = v
				}
			default:
				row[i] = v
			}
		}
		sh.Rows = append(sh.Rows, row)
	}
	return book([]sheet{sh})
}

// rectificationXLSX is the pre-filled 汇总表 of town for month m: the
// template of `lpg template` (drop-down lists limited to the town's
// villages, text and date columns, 填表说明) with the rows of
// rectificationCSV filled in, and read-only context columns after 村居
// (隐患类别, 等级, 用气地址 masked as the build requires, 整改期限, 逾期天数
// at the build's as_of) that lpg reads none of (issue 12 finding 3).
func (s *site) rectificationXLSX(m calendar.Month, town string) ([]byte, error) {
	var rows []map[string]any
	for _, h := range s.hazardsOf(m, town) {
		x := s.d.Rects[h.ID]
		st := s.tl.Evaluate(h, x, s.opt.AsOf)
		row := map[string]any{"隐患编号": h.ID, "村居": s.villageName(h.Village),
			"隐患类别（参考）": s.typeName(h.Type), "隐患等级（参考）": h.Severity,
			"用气地址（参考）": s.m.hazard("address", h.Address), "整改期限（参考）": h.DueDate}
		if st.Overdue {
			row["逾期天数（参考）"] = st.DaysLate
		}
		if x := s.tree.Rects[h.ID]; x != nil { // the tree's row, whatever its receipt (G7)
			row["整改状态"], row["整改方式"], row["整改完成日期"] = x.Status, x.Method, x.RectifiedDate
			row["核查人"], row["未整改原因"], row["移交联合整治"], row["备注"] = s.m.rect("verifier", x.Verifier), s.m.rect("reason", x.Reason), yesNo(x.Joint), s.m.rect("remarks", x.Remarks)
		}
		rows = append(rows, row)
	}
	return workbook.Template(form.Rectifications, s.d.Ref, workbook.Options{
		Town:   town,
		Title:  s.townName(town) + " " + m.String() + " 隐患整改工作汇总表（预填）",
		SaveAs: layout.Submission{Kind: layout.Rectifications, Month: m, Submitter: town}.Path(),
		Rows:   rows,
	})
}

// townWorkbooks adds the .xlsx downloads of a town page under dir.
func (s *site) townWorkbooks(dir string, p townPage) error {
	for _, sub := range p.Subs {
		month, code := sub.month, p.Code
		s.later(dir+"hazards-"+sub.Month+".xlsx", func() ([]byte, error) { return s.hazardsXLSX(month, code) })
	}
	for _, m := range s.prefilledMonths(p) {
		month, code := m, p.Code
		s.later(dir+uploadName(month, code, "xlsx"), func() ([]byte, error) { return s.rectificationXLSX(month, code) })
	}
	return nil
}

// renderReportWorkbooks writes reports/R/report.xlsx for every report.
func (s *site) renderReportWorkbooks() error {
	for i, r := range s.reports {
		f := "reports/" + r.Period + "/report.xlsx"
		if !s.wants(f) {
			continue
		}
		page := s.reportPage(i)
		s.later(f, func() ([]byte, error) { return s.reportXLSX(i, page) })
	}
	return nil
}

// newHazardsCell is the new-hazard figure of a workbook: 未到期（… 前报送）
// while no 排查表 of the month is due (loop.NewNotDue), 未收到 when none was
// received and some are past due (loop.NewMissing), else the count.
func newHazardsCell(n int, c completeness) any {
	if c.NewNotDue {
		return "未到期（" + c.NewDue + "前报送）"
	}
	if c.NewMissing {
		return "未收到（排查表逾期未报）"
	}
	return n
}

package workbook

import (
	"archive/zip"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"lpg/internal/calendar"
	"lpg/internal/form"
	"lpg/internal/reference"
)

// maxRows is how many rows of a template carry data validation.
const maxRows = 3000

// Options shape a template.
type Options struct {
	// Town, when not empty, limits the village drop-down to that town.
	Town string
	// Title is the first line of the 填表说明 sheet (e.g. "朱家角镇 2026-09
	// 整改工作汇总表（预填）"); "" gives the form's title.
	Title string
	// SaveAs is the name and folder the filled form is submitted under
	// (data/rectifications/2026-09/310118102.csv), said in 填表说明.
	SaveAs string
	// Rows pre-fill the sheet: header → value, where a value is a string,
	// a calendar.Date (written as a date) or an int. Headers of
	// form.Context add the read-only context columns (pre-filled 汇总表).
	Rows []map[string]any
}

// Template returns a blank or pre-filled .xlsx for form kind (form.Hazards,
// form.Rectifications or form.Inspections): the header row in bold and frozen, drop-down
// lists for every enumerated column and for towns, villages and hazard
// types (kept on a hidden sheet 选项), text format on id, code and phone
// columns so Excel keeps leading zeros and long numbers, the explicit date
// format yyyy-mm-dd on date columns, widths that show whole ids, print
// setup (A4 landscape, fit to width, header repeated) and a 填表说明 sheet.
// With context rows (a pre-filled 汇总表) the read-only context columns
// follow 村居, shaded grey; lpg reads none of them back.
//
// The form's sheet is written with excelize's StreamWriter (issue 14):
// its rows go out as XML one by one instead of as a tree of cells, text
// in the cell (inline) rather than in the shared string table. What a
// user sees is what the cell API gave (TestTemplateMatchesRef compares
// every cell's value, type and style, the widths, validations, panes
// and page setup with templateRef, the cell API version); the bytes are
// the same for the same arguments.
func Template(kind string, ref *reference.Data, o Options) ([]byte, error) {
	fm := form.Get(kind)
	title := map[string]string{form.Hazards: "排查表", form.Rectifications: "汇总表", form.Inspections: "入户安检量表"}[kind]
	if title == "" {
		return nil, fmt.Errorf("no template for form %q", kind)
	}
	f := excelize.NewFile()
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter {
		zw := zip.NewWriter(w)
		zw.RegisterCompressor(zip.Deflate, Deflater)
		return zw
	})
	defer f.Close()
	if err := f.SetSheetName("Sheet1", title); err != nil {
		return nil, err
	}
	const lists = ListsSheet
	if _, err := f.NewSheet(lists); err != nil {
		return nil, err
	}
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Color: []string{"DDEBF7"}, Pattern: 1},
		Alignment: &excelize.Alignment{Vertical: "center"}})
	greyHead, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "595959"}, Fill: excelize.Fill{Type: "pattern", Color: []string{"D9D9D9"}, Pattern: 1}})
	grey, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Color: "595959"}, Fill: excelize.Fill{Type: "pattern", Color: []string{"F2F2F2"}, Pattern: 1}})
	greyDate, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Color: "595959"}, Fill: excelize.Fill{Type: "pattern", Color: []string{"F2F2F2"}, Pattern: 1}, CustomNumFmt: ptr(DateFormat)})
	text, _ := f.NewStyle(&excelize.Style{NumFmt: 49})
	date, err := DateStyle(f)
	if err != nil {
		return nil, err
	}
	listCol := 0
	addList := func(values []string) (string, error) {
		listCol++
		col, _ := excelize.ColumnNumberToName(listCol)
		for i, v := range values {
			if err := f.SetCellStr(lists, fmt.Sprintf("%s%d", col, i+1), v); err != nil {
				return "", err
			}
		}
		return fmt.Sprintf("%s!$%s$1:$%s$%d", lists, col, col, max(len(values), 1)), nil
	}
	var towns, villages, types []string
	for _, t := range ref.Towns {
		towns = append(towns, t.Name)
	}
	for _, v := range ref.Villages {
		if o.Town == "" || v.TownCode == o.Town {
			villages = append(villages, v.Name)
		}
	}
	for _, t := range ref.HazardTypes {
		types = append(types, t.Name)
	}

	// The columns: the form's, with the context columns after 村居 when
	// the rows carry context.
	type column struct {
		header  string
		prop    *form.Prop // nil for a context column
		context bool
	}
	withContext := false
	for _, r := range o.Rows {
		for _, c := range form.Context {
			if _, ok := r[c.Header]; ok {
				withContext = true
			}
		}
	}
	var cols []column
	for i := range fm.Props {
		p := &fm.Props[i]
		cols = append(cols, column{header: p.Header, prop: p})
		if withContext && p.Field == "village" {
			for _, c := range form.Context {
				cols = append(cols, column{header: c.Header, context: true})
			}
		}
	}
	widths := make([]int, len(cols))
	for i, c := range cols {
		widths[i] = max(10, TextWidth(c.header)+4)
	}
	// The form's sheet is streamed (issue 14): everything the stream
	// writes before the rows — column styles and widths, panes, page
	// setup — is set on the worksheet first; data validations are
	// written after the rows, from the same worksheet, so they may be
	// added at any time before Flush.
	head := make([]any, len(cols)) // the header row's cells
	for i, c := range cols {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if c.context {
			head[i] = excelize.Cell{StyleID: greyHead, Value: c.header}
			continue
		}
		// Every header cell, text and date columns' included, is bold on
		// the blue fill: the header cell carries its own style, so the
		// column style below (text or date format for the rows) does not
		// reach it.
		head[i] = excelize.Cell{StyleID: bold, Value: c.header}
		p := c.prop
		switch p.Kind {
		case "code", "phone", "text": // text: 1/2 or 10-05 in 备注 stays text (office check, 2026-12-03)
			_ = f.SetColStyle(title, col, text)
		case "date":
			_ = f.SetColStyle(title, col, date)
			widths[i] = max(widths[i], 12)
		}
		var values []string
		switch {
		case len(p.Enum) > 0:
			values = p.Enum
		case p.Field == "town":
			values = towns
		case p.Field == "village":
			values = villages
		case p.Field == "hazard_type":
			values = types
		}
		if values == nil {
			continue
		}
		ref, err := addList(values)
		if err != nil {
			return nil, err
		}
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s2:%s%d", col, col, max(maxRows, len(o.Rows)+1))
		dv.SetSqrefDropList(ref)
		dv.SetError(excelize.DataValidationErrorStyleStop, "输入有误", "请从下拉列表中选择："+p.Header)
		if p.Field == "village" || p.Field == "hazard_type" {
			dv.SetError(excelize.DataValidationErrorStyleWarning, "请核对", "请从下拉列表中选择，或填写代码："+p.Header)
		}
		if err := f.AddDataValidation(title, dv); err != nil {
			return nil, err
		}
	}
	// The rows' cells, and the widths they need (a stream writes the
	// widths before the rows). A cell without a style of its own takes
	// its column's (text or date), as a cell set through the cell API does.
	rows := make([][]any, len(o.Rows))
	for r, row := range o.Rows {
		cells := make([]any, len(cols))
		for i, c := range cols {
			v, ok := row[c.header]
			if !ok {
				continue
			}
			switch x := v.(type) {
			case string:
				if x == "" {
					continue
				}
				cells[i] = x
				if c.context {
					cells[i] = excelize.Cell{StyleID: grey, Value: x}
				}
				widths[i] = max(widths[i], min(TextWidth(x)+2, 40))
			case calendar.Date:
				if x.IsZero() {
					continue
				}
				st := date
				if c.context {
					st = greyDate
				}
				cells[i] = excelize.Cell{StyleID: st, Value: time.Date(x.Year, x.Month, x.Day, 0, 0, 0, 0, time.UTC)}
			case int:
				cells[i] = x
				if c.context {
					cells[i] = excelize.Cell{StyleID: grey, Value: x}
				}
			default:
				return nil, fmt.Errorf("template: value %T of %s", v, c.header)
			}
		}
		rows[r] = cells
	}
	for i, w := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		_ = f.SetColWidth(title, col, col, float64(w))
	}
	// Freeze the header, and with context the id and village beside it.
	panes := &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}
	if withContext {
		panes = &excelize.Panes{Freeze: true, XSplit: 2, YSplit: 1, TopLeftCell: "C2", ActivePane: "bottomRight"}
	}
	if err := f.SetPanes(title, panes); err != nil {
		return nil, err
	}
	if err := PrintSetup(f, title, 1); err != nil {
		return nil, err
	}
	if err := instructions(f, kind, fm, o, withContext); err != nil {
		return nil, err
	}
	_ = f.SetSheetVisible(lists, false)
	// Before the sheet is streamed: afterwards excelize would read the
	// streamed sheet back to mark it selected.
	f.SetActiveSheet(0)
	sw, err := f.NewStreamWriter(title)
	if err != nil {
		return nil, err
	}
	if err := sw.SetRow("A1", head); err != nil {
		return nil, err
	}
	for r, cells := range rows {
		if !slices.ContainsFunc(cells, func(c any) bool { return c != nil }) {
			continue // no cell: the cell API wrote no row either
		}
		cell, _ := excelize.CoordinatesToCellName(1, r+2)
		if err := sw.SetRow(cell, cells); err != nil {
			return nil, err
		}
	}
	if err := sw.Flush(); err != nil {
		return nil, err
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func ptr[T any](v T) *T { return &v }

// instructions adds the 填表说明 sheet: how to fill and submit the form,
// then one line per column with whether it is required and what it holds
// (from the JSON Schema).
func instructions(f *excelize.File, kind string, fm *form.Form, o Options, context bool) error {
	const name = InstructionsSheet
	if _, err := f.NewSheet(name); err != nil {
		return err
	}
	title := o.Title
	if title == "" {
		title = map[string]string{form.Hazards: "瓶装液化石油气安全隐患排查表", form.Rectifications: "瓶装液化石油气隐患整改工作汇总表",
			form.Inspections: "瓶装液化石油气入户安检量表"}[kind]
	}
	var lines []string
	switch kind {
	case form.Hazards:
		lines = []string{
			"1. 在“排查表”工作表中一行填一条隐患；隐患编号写“企业编号-年月-序号”，如 E01-202607-0018，序号不重复。",
			"2. 街镇、村居、隐患类别、用户类型、现场处置从下拉列表中选择；隐患等级、整改期限可留空（按隐患类别默认）。",
			"3. 安检日期必须在本表所属月份内，写 2026-07-05（日期列已设为 YYYY-MM-DD 格式，请勿改成别的日期格式）。",
			"4. 联系电话列已设为文本格式，号码照原样输入，不会变成 1.38E+10。",
			"5. 当月没有隐患，也要提交只有表头一行的文件。",
			"6. 同时提交本月的《入户安检量表》（lpg template inspections），截止时间相同：隐患率 = 隐患户数 ÷ 安检户数。",
		}
	case form.Inspections:
		lines = []string{
			"1. 一行填一个街镇（或村居）的一种用户类型本月入户安检完成的户数；有隐患和没有隐患的户都算。与排查表同时提交，截止时间相同（次月 25 日）。",
			"2. 村居可以留空，表示该街镇的合计；也可以逐个村居填写。同一街镇的同一用户类型只能选一种写法，不要既填合计又填各村居。",
			"3. 排查表中出现的每个街镇都必须有安检户数（不能为 0 或缺行），否则检查报错；按村居填写时，排查表中出现的村居也必须有安检户数。",
			"4. 安检户数、拒绝入户户数填整数，不要用千位分隔符；拒绝入户户数（上门但用户拒绝安检）可留空，不计入安检户数。",
			"5. 文件名是本企业编号，放在以安检月份命名的文件夹中：data/inspections/YYYY-MM/<企业编号>.csv。",
		}
	default:
		lines = []string{
			"1. 每行是派发给本街镇的一条隐患。填写白色各列；灰色的“（参考）”列是派发清单中的信息，只供对照，lpg 导入和检查时不读取，改了也不起作用。",
			"2. 整改状态从下拉列表中选择；填了整改状态的行，核查人必填；已整改要写整改方式；除“核实无此隐患”外的已办结状态要写整改完成日期；整改中、未整改、拒不整改要写未整改原因。",
			"3. 整改完成日期写 2026-08-18（日期列已设为 YYYY-MM-DD 格式，请勿改成别的日期格式）。",
			"4. 还没有进展的隐患，整行保持原样即可（按未报送统计，不算错误）。隐患编号和村居不要改动。",
		}
	}
	save := "在 Excel 或 WPS 中“文件”→“另存为”，类型选“CSV UTF-8（逗号分隔）”；LibreOffice 选“文本 CSV (.csv)”，字符集 UTF-8。"
	if o.SaveAs != "" {
		i := strings.LastIndex(o.SaveAs, "/")
		save += "文件名必须是 " + o.SaveAs[i+1:] + "，上传到仓库的 " + o.SaveAs[:i+1] + " 文件夹（即 " + o.SaveAs + "）。"
	}
	lines = append(lines, fmt.Sprintf("%d. 提交：%s也可以把本 xlsx 文件交给区燃气中心用 lpg import 导入。", len(lines)+1, save))
	if context {
		lines = append(lines, fmt.Sprintf("%d. 公开版下载中的用气地址已去掉门牌号；需要完整信息时使用内网的内部版网站。", len(lines)+1))
	}
	set := func(cell, v string) error { return f.SetCellStr(name, cell, v) }
	if err := set("A1", title+" 填表说明"); err != nil {
		return err
	}
	row := 3
	for _, l := range lines {
		if err := set(fmt.Sprintf("A%d", row), l); err != nil {
			return err
		}
		row++
	}
	row++
	head := row
	for i, h := range []string{"列", "必填", "说明"} {
		c, _ := excelize.CoordinatesToCellName(i+1, row)
		if err := set(c, h); err != nil {
			return err
		}
	}
	for _, p := range fm.Props {
		row++
		req := ""
		for _, c := range fm.Columns {
			if c.Field == p.Field && c.Required {
				req = "是"
			}
		}
		desc := p.Desc
		if len(p.Enum) > 0 {
			if desc != "" {
				desc += "；"
			}
			desc += "可选：" + strings.Join(p.Enum, "、")
		}
		for i, v := range []string{p.Header, req, desc} {
			c, _ := excelize.CoordinatesToCellName(i+1, row)
			if err := set(c, v); err != nil {
				return err
			}
		}
	}
	if context {
		for _, c := range form.Context {
			row++
			_ = set(fmt.Sprintf("A%d", row), c.Header)
			_ = set(fmt.Sprintf("C%d", row), "只供参考，不读取")
		}
	}
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	big, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	wrap, _ := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	_ = f.SetCellStyle(name, "A1", "A1", big)
	_ = f.SetCellStyle(name, fmt.Sprintf("A%d", head), fmt.Sprintf("C%d", head), bold)
	_ = f.SetCellStyle(name, fmt.Sprintf("C%d", head+1), fmt.Sprintf("C%d", row), wrap)
	_ = f.SetColWidth(name, "A", "A", 22)
	_ = f.SetColWidth(name, "B", "B", 6)
	_ = f.SetColWidth(name, "C", "C", 90)
	for r := 3; r < 3+len(lines); r++ {
		// the numbered lines span the three columns
		if err := f.MergeCell(name, fmt.Sprintf("A%d", r), fmt.Sprintf("C%d", r)); err != nil {
			return err
		}
		_ = f.SetCellStyle(name, fmt.Sprintf("A%d", r), fmt.Sprintf("A%d", r), wrap)
		_ = f.SetRowHeight(name, r, 32)
	}
	return PrintSetup(f, name, 0)
}

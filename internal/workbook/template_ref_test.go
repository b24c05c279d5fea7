package workbook

import (
	"fmt"
	"time"

	"github.com/xuri/excelize/v2"

	"lpg/internal/calendar"
	"lpg/internal/form"
	"lpg/internal/reference"
)

// templateRef is Template as it was before it streamed the form's sheet
// (issue 14): every cell set through excelize's cell API, the worksheet
// built in memory. TestTemplateMatchesRef holds the streamed Template to
// the same workbook for users, cell by cell.
func templateRef(kind string, ref *reference.Data, o Options) ([]byte, error) {
	fm := form.Get(kind)
	title := map[string]string{form.Hazards: "排查表", form.Rectifications: "汇总表", form.Inspections: "入户安检量表"}[kind]
	if title == "" {
		return nil, fmt.Errorf("no template for form %q", kind)
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", title); err != nil {
		return nil, err
	}
	const lists = "选项"
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
	for i, c := range cols {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetCellStr(title, col+"1", c.header); err != nil {
			return nil, err
		}
		if c.context {
			_ = f.SetCellStyle(title, col+"1", col+"1", greyHead)
			continue
		}
		p := c.prop
		switch p.Kind {
		case "code", "phone", "text":
			_ = f.SetColStyle(title, col, text)
		case "date":
			_ = f.SetColStyle(title, col, date)
			widths[i] = max(widths[i], 12)
		}
		// The header cell is styled after the column: SetColStyle
		// restyles every existing cell of the column, the header among
		// them, which lost its bold and fill before (31e8142 kept that;
		// now every header cell is bold on the blue fill).
		_ = f.SetCellStyle(title, col+"1", col+"1", bold)
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
	for r, row := range o.Rows {
		for i, c := range cols {
			v, ok := row[c.header]
			if !ok {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(i+1, r+2)
			switch x := v.(type) {
			case string:
				if x == "" {
					continue
				}
				err = f.SetCellStr(title, cell, x)
				widths[i] = max(widths[i], min(TextWidth(x)+2, 40))
			case calendar.Date:
				if x.IsZero() {
					continue
				}
				err = f.SetCellValue(title, cell, time.Date(x.Year, x.Month, x.Day, 0, 0, 0, 0, time.UTC))
				if err == nil && !c.context {
					err = f.SetCellStyle(title, cell, cell, date)
				}
			case int:
				err = f.SetCellInt(title, cell, int64(x))
			default:
				err = fmt.Errorf("template: value %T of %s", v, c.header)
			}
			if err != nil {
				return nil, err
			}
			if c.context {
				st := grey
				if _, isDate := v.(calendar.Date); isDate {
					st = greyDate
				}
				_ = f.SetCellStyle(title, cell, cell, st)
			}
		}
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
	f.SetActiveSheet(0)
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

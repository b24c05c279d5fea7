package workbook

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"lpg/internal/form"
	"lpg/internal/reference"
)

// maxRows is how many rows of a template carry data validation.
const maxRows = 3000

// Template returns a blank .xlsx for form kind (form.Hazards or
// form.Rectifications): the header row in bold and frozen, drop-down lists
// for every enumerated column and for towns, villages and hazard types
// (kept on a hidden sheet 选项), and text format on id, code and phone
// columns so Excel keeps leading zeros and long numbers. town, when not
// empty, limits the village list to that town.
func Template(kind string, ref *reference.Data, town string) ([]byte, error) {
	fm := form.Get(kind)
	title := map[string]string{form.Hazards: "排查表", form.Rectifications: "汇总表"}[kind]
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
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Color: []string{"DDEBF7"}, Pattern: 1}})
	text, _ := f.NewStyle(&excelize.Style{NumFmt: 49})
	date, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
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
		if town == "" || v.TownCode == town {
			villages = append(villages, v.Name)
		}
	}
	for _, t := range ref.HazardTypes {
		types = append(types, t.Name)
	}
	for i, p := range fm.Props {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetCellStr(title, col+"1", p.Header); err != nil {
			return nil, err
		}
		rng := fmt.Sprintf("%s2:%s%d", col, col, maxRows)
		switch p.Kind {
		case "code", "phone":
			_ = f.SetColStyle(title, col, text)
		case "date":
			_ = f.SetColStyle(title, col, date)
		}
		_ = f.SetColWidth(title, col, col, float64(max(10, 2*len([]rune(p.Header))+4)))
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
		dv.Sqref = rng
		dv.SetSqrefDropList(ref)
		dv.SetError(excelize.DataValidationErrorStyleStop, "输入有误", "请从下拉列表中选择："+p.Header)
		if p.Field == "village" || p.Field == "hazard_type" {
			dv.SetError(excelize.DataValidationErrorStyleWarning, "请核对", "请从下拉列表中选择，或填写代码："+p.Header)
		}
		if err := f.AddDataValidation(title, dv); err != nil {
			return nil, err
		}
	}
	last, _ := excelize.ColumnNumberToName(len(fm.Props))
	_ = f.SetCellStyle(title, "A1", last+"1", bold)
	if err := f.SetPanes(title, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
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

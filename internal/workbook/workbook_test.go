package workbook

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"lpg/internal/form"
)

func TestIsDateFormat(t *testing.T) {
	for f, want := range map[string]bool{
		"yyyy-mm-dd": true, "yyyy\"年\"m\"月\"d\"日\"": true, "[$-804]yyyy年m月d日": true, "m/d/yy": true,
		"0;[Red]-0": false, "0": false, "@": false, "#,##0.00": false, "\"day\"0": false, "0\\d": false,
	} {
		if got := isDateFormat(f); got != want {
			t.Errorf("isDateFormat(%q) = %v, want %v", f, got, want)
		}
	}
}

func book(t *testing.T, build func(f *excelize.File)) []byte {
	t.Helper()
	f := excelize.NewFile()
	build(f)
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadXLSX(t *testing.T) {
	one := book(t, func(f *excelize.File) {
		f.SetSheetRow("Sheet1", "A1", &[]any{"隐患编号", "联系电话", "安检日期"})
		f.SetSheetRow("Sheet1", "A2", &[]any{"E01-202607-0001", 13800138000, time.Date(2026, 7, 5, 0, 0, 0, 0, time.UTC)})
		red, _ := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("0;[Red]-0")})
		date, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
		f.SetCellStyle("Sheet1", "B2", "B2", red)
		f.SetCellStyle("Sheet1", "C2", "C2", date)
	})
	ws, err := ReadXLSX(one, "", form.Hazards)
	if err != nil || ws.Name != "Sheet1" || ws.Hidden {
		t.Fatal(ws, err)
	}
	if want := "隐患编号,联系电话,安检日期\nE01-202607-0001,13800138000,2026-07-05\n"; string(ws.Text) != want {
		t.Errorf("text = %q, want %q", ws.Text, want)
	}

	two := book(t, func(f *excelize.File) {
		f.SetCellStr("Sheet1", "A1", "隐患编号")
		f.NewSheet("续表")
		f.SetCellStr("续表", "A1", "隐患编号")
	})
	var several *SeveralSheetsError
	if _, err := ReadXLSX(two, "", form.Hazards); !errors.As(err, &several) || strings.Join(several.Sheets, ",") != "Sheet1,续表" || several.Hidden != nil {
		t.Errorf("two sheets with data: err = %v", err)
	}
	if ws, err := ReadXLSX(two, "续表", form.Hazards); err != nil || ws.Name != "续表" {
		t.Errorf("chosen sheet: %v %v", ws, err)
	}

	mac := book(t, func(f *excelize.File) {
		yes := true
		f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes})
		f.SetCellValue("Sheet1", "A1", "安检日期")
		f.SetCellValue("Sheet1", "A2", 44856) // 2026-10-23 in the 1904 system (2022-10-22 in the 1900 one)
		date, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
		f.SetCellStyle("Sheet1", "A2", "A2", date)
	})
	if ws, err := ReadXLSX(mac, "", form.Hazards); err != nil || !strings.Contains(string(ws.Text), "2026-10-23") {
		t.Errorf("1904 workbook: %v %v", ws, err)
	}
	if _, err := ReadXLSX([]byte("PK\x03\x04 not really"), "", form.Hazards); err == nil {
		t.Error("a corrupt file must be refused")
	}
}

// TestReadXLSXMerged (review of 2026-12-02, round 3, G8): a range merged
// over rows (村居, 整改状态 of rows with the same value) holds its value in
// the top-left cell only; ReadXLSX reads it into the range's first column
// in every row of the range that has data, and names each such range. A
// merge within one row (a title over the columns) is left as it is;
// empty rows under a merged range stay empty.
func TestReadXLSXMerged(t *testing.T) {
	b := book(t, func(f *excelize.File) {
		f.SetSheetRow("Sheet1", "A1", &[]any{"2026年8月汇总表"})
		f.MergeCell("Sheet1", "A1", "C1")
		f.SetSheetRow("Sheet1", "A2", &[]any{"隐患编号", "村居", "整改状态"})
		f.SetSheetRow("Sheet1", "A3", &[]any{"E02-202608-0116", "大新街居委会", "已整改"})
		f.SetSheetRow("Sheet1", "A4", &[]any{"E02-202608-0117"})
		f.SetSheetRow("Sheet1", "A5", &[]any{"E02-202608-0118", "", "整改中"})
		f.MergeCell("Sheet1", "B3", "B6") // row 6 is empty
		f.MergeCell("Sheet1", "C3", "C4")
		date, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
		f.SetCellValue("Sheet1", "D3", 46244) // 2026-08-10
		f.SetCellStyle("Sheet1", "D3", "D3", date)
		f.SetCellValue("Sheet1", "D5", "x")
		f.MergeCell("Sheet1", "D3", "D4")
	})
	ws, err := ReadXLSX(b, "", form.Hazards)
	if err != nil {
		t.Fatal(err)
	}
	text, merged := ws.Text, ws.Merged
	want := "2026年8月汇总表,,,\n" +
		"隐患编号,村居,整改状态,\n" +
		"E02-202608-0116,大新街居委会,已整改,2026-08-10\n" +
		"E02-202608-0117,大新街居委会,已整改,2026-08-10\n" +
		"E02-202608-0118,大新街居委会,整改中,x\n"
	if string(text) != want {
		t.Errorf("text\n got %q\nwant %q", text, want)
	}
	wantMerged := []Merged{
		{Range: "B3:B6", Cell: "B3", Value: "大新街居委会", Rows: [2]int{3, 5}},
		{Range: "C3:C4", Cell: "C3", Value: "已整改", Rows: [2]int{3, 4}},
		{Range: "D3:D4", Cell: "D3", Value: "2026-08-10", Rows: [2]int{3, 4}},
	}
	if fmt.Sprint(merged) != fmt.Sprint(wantMerged) {
		t.Errorf("merged\n got %+v\nwant %+v", merged, wantMerged)
	}
}

// TestReadXLSXHiddenSheets (review round 4, H11): a hidden worksheet with
// data counts like a visible one — two sheets with data are refused with
// the hidden one named, a hidden sheet that is the only one with data is
// read — except lpg's own hidden drop-down lists (选项 with no header of a
// form in it) and 填表说明. Before, every hidden sheet was skipped: the
// rows of 第二页 were lost and the import reported success.
func TestReadXLSXHiddenSheets(t *testing.T) {
	header := []any{"隐患编号", "用户编号"}
	table := func(f *excelize.File, sheet string, ids ...string) {
		if sheet != "Sheet1" {
			f.NewSheet(sheet)
		}
		f.SetSheetRow(sheet, "A1", &header)
		for i, id := range ids {
			f.SetSheetRow(sheet, fmt.Sprintf("A%d", i+2), &[]any{id, "00012345"})
		}
	}
	lists := func(f *excelize.File, sheet string, hidden bool) {
		f.NewSheet(sheet)
		f.SetSheetCol(sheet, "A1", &[]any{"居民", "餐饮", "其他非居民"})
		f.SetSheetCol(sheet, "B1", &[]any{"朱家角镇", "夏阳街道"})
		f.SetSheetVisible(sheet, !hidden)
	}
	for _, c := range []struct {
		name  string
		build func(f *excelize.File)
		sheet string // --sheet
		// the sheet read and its text, or the sheets of the error
		used, text     string
		hidden         bool
		several, hides string
	}{
		{name: "visible and hidden sheet with data", build: func(f *excelize.File) {
			_ = f.SetSheetName("Sheet1", "第一页")
			f.SetSheetRow("第一页", "A1", &header)
			f.SetSheetRow("第一页", "A2", &[]any{"E01-202611-0001", "00012345"})
			table(f, "第二页", "E01-202611-0003")
			f.SetSheetVisible("第二页", false)
		}, several: "第一页,第二页", hides: "第二页"},
		{name: "very hidden sheet with data", build: func(f *excelize.File) {
			table(f, "Sheet1", "E01-202611-0001")
			table(f, "旧表", "E01-202611-0002")
			f.SetSheetVisible("旧表", false, true)
		}, several: "Sheet1,旧表", hides: "旧表"},
		{name: "only the hidden sheet has data", build: func(f *excelize.File) {
			table(f, "第二页", "E01-202611-0003")
			f.SetSheetVisible("第二页", false)
		}, used: "第二页", hidden: true, text: "隐患编号,用户编号\nE01-202611-0003,00012345\n"},
		{name: "hidden sheet chosen", build: func(f *excelize.File) {
			table(f, "Sheet1", "E01-202611-0001")
			table(f, "第二页", "E01-202611-0003")
			f.SetSheetVisible("第二页", false)
		}, sheet: "第二页", used: "第二页", hidden: true, text: "隐患编号,用户编号\nE01-202611-0003,00012345\n"},
		{name: "lpg's hidden lists and 填表说明 are not data", build: func(f *excelize.File) {
			table(f, "Sheet1", "E01-202611-0001")
			lists(f, ListsSheet, true)
			f.NewSheet(InstructionsSheet)
			f.SetSheetRow(InstructionsSheet, "A1", &[]any{"列", "填法"})
			f.SetSheetRow(InstructionsSheet, "A2", &[]any{"隐患编号", "E01-202611-0001"})
		}, used: "Sheet1", text: "隐患编号,用户编号\nE01-202611-0001,00012345\n"},
		{name: "hidden 选项 holding a table", build: func(f *excelize.File) {
			table(f, "Sheet1", "E01-202611-0001")
			table(f, ListsSheet, "E01-202611-0002")
			f.SetSheetVisible(ListsSheet, false)
		}, several: "Sheet1,选项", hides: "选项"},
		{name: "visible lists are data", build: func(f *excelize.File) {
			table(f, "Sheet1", "E01-202611-0001")
			lists(f, ListsSheet, false)
		}, several: "Sheet1,选项"},
		{name: "hidden lists under another name", build: func(f *excelize.File) {
			table(f, "Sheet1", "E01-202611-0001")
			lists(f, "下拉", true)
		}, several: "Sheet1,下拉", hides: "下拉"},
	} {
		t.Run(c.name, func(t *testing.T) {
			ws, err := ReadXLSX(book(t, c.build), c.sheet, form.Hazards)
			var several *SeveralSheetsError
			switch {
			case c.several != "":
				if !errors.As(err, &several) || strings.Join(several.Sheets, ",") != c.several || strings.Join(several.Hidden, ",") != c.hides {
					t.Errorf("got %v %v, want sheets %s hidden %s", ws, err, c.several, c.hides)
				}
			case err != nil:
				t.Fatal(err)
			case ws.Name != c.used || ws.Hidden != c.hidden || string(ws.Text) != c.text:
				t.Errorf("read %q hidden %v %q, want %q hidden %v %q", ws.Name, ws.Hidden, ws.Text, c.used, c.hidden, c.text)
			}
		})
	}
}

// TestReadXLSXLibreOfficeRowsDeleted: a town's pre-filled 汇总表 (lpg's
// own workbook from towns/310118102/2026-09/) opened in LibreOffice 7.4,
// rows 5 to the end deleted (the README allows deleting unfilled rows) and
// saved as .xlsx (testdata/libreoffice-rows-deleted.xlsx). LibreOffice
// writes formatted empty rows down to row 1048576 and its own custom
// number formats (General, @, yyyy\-mm\-dd): ReadXLSX refused the four
// rows as "more than 200000 rows", and with the rows read it panicked on
// the （参考） columns, which have no schema property. Both are read now:
// the header and the three rows, the context columns as written (lpg
// import leaves them out), no cell read as shown.
func TestReadXLSXLibreOfficeRowsDeleted(t *testing.T) {
	b, err := os.ReadFile("testdata/libreoffice-rows-deleted.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	ws, err := ReadXLSX(b, "", form.Rectifications)
	if err != nil {
		t.Fatal(err)
	}
	want := "隐患编号,村居,隐患类别（参考）,隐患等级（参考）,用气地址（参考）,整改期限（参考）,逾期天数（参考）,整改状态,整改方式,整改完成日期,核查人,未整改原因,移交联合整治,备注\n" +
		"E02-202609-0025,胜利街居委会,调压器老化或超过使用年限,一般,朱家角镇华青路…,2026-10-19,,已整改,更换,2026-10-29,村委会 吴芳,,否,\n" +
		"E02-202609-0107,东湖街居委会,燃气具故障或燃气具设施未年检,一般,朱家角镇漕盈路…,2026-10-10,,,,,,,,\n" +
		"E01-202609-0051,西湖新村居委会,存瓶总重量超过60kg未设置单独瓶组间或瓶库,严重,朱家角镇盈港东路…,2026-10-02,62,整改中,,,镇安办 李强,用户外出,否,\n"
	if string(ws.Text) != want {
		t.Errorf("text\n got %q\nwant %q", ws.Text, want)
	}
	if ws.Name != "汇总表" || ws.Shown != nil || ws.Merged != nil {
		t.Errorf("sheet %q, shown %+v, merged %+v; want 汇总表 and none", ws.Name, ws.Shown, ws.Merged)
	}
}

// TestReadRowsLimit: the MaxRows limit counts rows up to the last row with
// a non-empty cell, formatted empty rows after it do not count, and a value
// past MaxRows is still refused.
func TestReadRowsLimit(t *testing.T) {
	for _, tc := range []struct {
		name    string
		lastRow int
		value   bool
		want    string
	}{
		{"styled empty row 1048576", 1048576, false, "隐患编号\nE01-202611-0001\n"},
		{"value in row MaxRows", MaxRows, true, ""},
		{"value in row MaxRows+1", MaxRows + 1, true, `sheet "Sheet1" has more than 200000 rows`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := book(t, func(f *excelize.File) {
				f.SetSheetRow("Sheet1", "A1", &[]any{"隐患编号"})
				f.SetSheetRow("Sheet1", "A2", &[]any{"E01-202611-0001"})
				cell := fmt.Sprintf("A%d", tc.lastRow)
				if tc.value {
					f.SetCellValue("Sheet1", cell, "x")
				} else {
					st, _ := f.NewStyle(&excelize.Style{NumFmt: 49})
					f.SetCellStyle("Sheet1", cell, cell, st)
				}
			})
			ws, err := ReadXLSX(b, "", form.Hazards)
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("err %v", err)
			case tc.want == "":
				if n := strings.Count(string(ws.Text), "\n"); n != MaxRows || !strings.HasSuffix(string(ws.Text), "\nx\n") {
					t.Errorf("%d lines ending %q, want %d ending x", n, ws.Text[len(ws.Text)-5:], MaxRows)
				}
			case strings.HasPrefix(tc.want, "隐患编号"):
				if err != nil || string(ws.Text) != tc.want {
					t.Errorf("got %q, %v; want %q", ws.Text, err, tc.want)
				}
			default:
				if err == nil || err.Error() != tc.want {
					t.Errorf("err %v, want %s", err, tc.want)
				}
			}
		})
	}
}

// TestReadXLSXDatesInText: lpg's 排查表 template filled in Chinese
// LibreOffice 7.4 (testdata/libreoffice-zh-remark-dates.xlsx, three rows
// typed cell by cell, saved as .xlsx): 备注 typed 1/2 and 10-05 became the
// dates 26年1月2日 and 26年10月5日 (备注 is a General column). ReadXLSX reads
// them as dates, as before, and now lists them in Dates, one group per
// column; the date columns (安检日期) and the text-format code columns
// (安检单号 0000001, kept by the template's text format) are not listed.
func TestReadXLSXDatesInText(t *testing.T) {
	b, err := os.ReadFile("testdata/libreoffice-zh-remark-dates.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	ws, err := ReadXLSX(b, "", form.Hazards)
	if err != nil {
		t.Fatal(err)
	}
	want := "隐患编号,安检单号,街镇,村居,用户类型,用户编号,用户名称,联系电话,用气地址,房屋类型,钢瓶数量,安检日期,安检人员,隐患类别,隐患描述,隐患等级,现场处置,告知单编号,整改期限,备注\n" +
		"E01-202610-0051,0000001,夏阳街道,310118001002,餐饮,00000000000000012340,罗记饭店,13800135075,夏阳街道崧泽大道824弄9号301室,,,2026-10-30,顾明华,商业餐饮用气场所未按规定安装使用燃气泄漏报警器,,严重,停止供气,,,已电话联系\n" +
		"E01-202610-0067,0000002,夏阳街道,310118001002,其他非居民,00001001,赵记馄饨店,13800135010,夏阳街道外青松公路537弄18号402室,多层住宅,1,2026-10-21,陆建平,橡胶管与燃气器具的连接长度超过2米,,一般,当场整改,,,2026-01-02\n" +
		"E01-202610-0107,0000003,夏阳街道,310118001002,居民,00001002,董超洋,13800137761,夏阳街道华青路972弄26号304室,,2,2026-10-16,王海根,橡胶管连接处无卡箍固定,现场发现：橡胶管连接处无卡箍固定,一般,书面告知限期整改,E01GZ2026100107,,2026-10-05\n"
	if string(ws.Text) != want {
		t.Errorf("text\n got %q\nwant %q", ws.Text, want)
	}
	wantDates := []Shown{{Column: "备注", Cells: []string{"T3", "T4"}, Row: 3, Raw: "46024", Value: "2026-01-02"}}
	if fmt.Sprint(ws.Dates) != fmt.Sprint(wantDates) {
		t.Errorf("dates\n got %+v\nwant %+v", ws.Dates, wantDates)
	}
	if ws.Shown != nil {
		t.Errorf("shown %+v, want none", ws.Shown)
	}
}

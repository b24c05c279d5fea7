package csvio

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"lpg/internal/calendar"
	"lpg/internal/diag"
)

var cols = []Column{
	{Field: "id", Header: "隐患编号", Required: true},
	{Field: "name", Header: "用户名称", Aliases: []string{"用户姓名"}, Required: true},
	{Field: "phone", Header: "联系电话"},
	{Field: "remarks", Header: "备注"},
}

func gbk(s string) []byte {
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(err)
	}
	return b
}

func utf16(s string, e unicode.Endianness) []byte {
	b, err := unicode.UTF16(e, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(err)
	}
	return b
}

// dump renders the outcome of Read compactly: the diagnostics as
// "E|W line:column code", then each record as "line/row field=value…".
func dump(t *Table, ds []diag.Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		k := "E"
		if d.Severity == diag.Warning {
			k = "W"
		}
		fmt.Fprintf(&b, "%s %d:%s %s\n", k, d.Line, d.Column, d.Code)
	}
	if t != nil {
		for _, r := range t.Records {
			fmt.Fprintf(&b, "%d/%d", r.Line, r.Row)
			for _, f := range []string{"id", "name", "phone", "remarks"} {
				if v, ok := r.Values[f]; ok {
					fmt.Fprintf(&b, " %s=%s", f, v)
				}
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

func TestRead(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want string
	}{
		{"utf-8", []byte("隐患编号,用户名称\nA-1,张三\n"), "2/2 id=A-1 name=张三\n"},
		{"utf-8 bom", []byte("\uFEFF隐患编号,用户名称\nA-1,张三\n"), "2/2 id=A-1 name=张三\n"},
		{"gbk with rare characters", gbk("隐患编号,用户名称\r\nA-1,王喆\r\nA-2,李䶮\r\n"),
			"W 1: encoding.gb18030\n2/2 id=A-1 name=王喆\n3/3 id=A-2 name=李䶮\n"},
		{"utf-16le tab separated", utf16("隐患编号\t用户名称\r\nA-1\t张三\r\n", unicode.LittleEndian),
			"W 1: encoding.utf16\nW 1: separator\n2/2 id=A-1 name=张三\n"},
		{"utf-16be", utf16("隐患编号\t用户名称\nA-1\t张三\n", unicode.BigEndian),
			"W 1: encoding.utf16\nW 1: separator\n2/2 id=A-1 name=张三\n"},
		{"mostly utf-8 with a broken byte", []byte("隐患编号,用户名称\nA-1,张三\nA-2,李\xff四\n"), "E 3:用户名称 encoding.invalid\n"},
		{"CR only", []byte("隐患编号,用户名称\rA-1,张三\rA-2,李四\r"), "W 1: newline.mixed\n2/2 id=A-1 name=张三\n3/3 id=A-2 name=李四\n"},
		{"mixed CRLF LF CR", []byte("隐患编号,用户名称\r\nA-1,张三\nA-2,李四\rA-3,王五"),
			"W 1: newline.mixed\n2/2 id=A-1 name=张三\n3/3 id=A-2 name=李四\n4/4 id=A-3 name=王五\n"},
		{"alt+enter cell keeps physical lines", []byte("隐患编号,用户名称,备注\nA-1,张三,\"第一行\n第二行\"\nA-2,李四,\n"),
			"2/2 id=A-1 name=张三 remarks=第一行\n第二行\n4/3 id=A-2 name=李四 remarks=\n"},
		{"title rows", []byte("排查表（2026年7月）\n填报单位：某公司,,,\n隐患编号,用户名称\nA-1,张三\n"),
			"W 1: header.title_row\nW 2: header.title_row\n4/4 id=A-1 name=张三\n"},
		{"trailing empty columns and rows", []byte("隐患编号,用户名称,,\nA-1,张三,,\n,,,\n\n"), "2/2 id=A-1 name=张三\n"},
		{"blank row inside", []byte("隐患编号,用户名称\nA-1,张三\n,\nA-2,李四\n"), "W 3: row.blank\n2/2 id=A-1 name=张三\n4/4 id=A-2 name=李四\n"},
		{"duplicate header", []byte("隐患编号,用户名称,联系电话,联系电话\nA-1,张三,1,2\n"), "E 1:联系电话 header.duplicate\n"},
		{"unknown header", []byte("隐患编号,用户名称,联系电活\nA-1,张三,1\n"), "E 1:联系电活 header.unknown\n"},
		{"missing required column", []byte("隐患编号,联系电话,备注\nA-1,1,x\n"), "E 1:用户名称 header.required\n"},
		{"ragged rows all reported", []byte("隐患编号,用户名称\nA-1,张三,多余\nA-2\nA-3,王五\n"),
			"E 2: row.fields\nE 3: row.fields\n4/4 id=A-3 name=王五\n"},
		{"stray quote kept as text", []byte("隐患编号,用户名称\nA-1,张\"三\n"), "W 2:用户名称 quote.stray\n2/2 id=A-1 name=张\"三\n"},
		{"semicolon separated", []byte("隐患编号;用户名称\nA-1;张三\n"), "W 1: separator\n2/2 id=A-1 name=张三\n"},
		{"english, spaced, full-width and zero-width headers", []byte(" id ,\u200B用户姓名\u00A0,ｐｈｏｎｅ\nA-1,张三,1\n"),
			"W 1:id header.alias\nW 1:用户姓名 header.alias\nW 1:ｐｈｏｎｅ header.alias\n2/2 id=A-1 name=张三 phone=1\n"},
		{"value under an empty trailing header", []byte("隐患编号,用户名称,,\nA-1,张三,,写在外面的备注\nA-2,李四,,\n"),
			"E 2: row.unheaded\n3/3 id=A-2 name=李四\n"},
		{"column without a header in the middle", []byte("隐患编号,,用户名称\nA-1,X1,张三\n"), "E 2: row.unheaded\n"},
		{"any column order", []byte("用户名称,隐患编号\n张三,A-1\n"), "2/2 id=A-1 name=张三\n"},
		{"no header at all", []byte("a,b\nc,d\n"), "E 1: header.missing\n"},
		{"empty file", []byte(""), "E 1: header.missing\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab, ds := Read("f.csv", tt.in, cols)
			if got := dump(tab, ds); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		changed bool
		err     bool
	}{
		{"2026-07-05", "2026-07-05", false, false},
		{"2026/7/5", "2026-07-05", true, false},
		{"2026.07.05", "2026-07-05", true, false},
		{"2026年7月5日", "2026-07-05", true, false},
		{"2026年7月5", "2026-07-05", true, false},
		{"46208", "2026-07-05", true, false}, // Excel serial number
		{"46208.0", "2026-07-05", true, false},
		{"20260705", "2026-07-05", true, false},
		{"2026/7/5 0:00", "2026-07-05", true, false},
		{"2026-07-32", "", false, true},
		{"2026-02-29", "", false, true},
		{"7/5/2026", "", false, true},
		{"昨天", "", false, true},
		{"99", "", false, true},
	}
	for _, tt := range tests {
		d, changed, err := ParseDate(tt.in)
		if (err != nil) != tt.err || d.String() != tt.want || changed != tt.changed {
			t.Errorf("ParseDate(%q) = %s, %v, %v; want %s, %v, err %v", tt.in, d, changed, err, tt.want, tt.changed, tt.err)
		}
	}
}

// TestParseShortYear: year-first dates with two digits are recognised but
// not accepted by ParseDate alone; ShortYearIn decides by the file's month.
func TestParseShortYear(t *testing.T) {
	m, _ := calendar.ParseMonth("2026-09")
	for in, want := range map[string]string{"26年11月10日": "2026-11-10", "26/11/10": "2026-11-10", "26-9-1": "2026-09-01", "26.09.30": "2026-09-30"} {
		_, _, err := ParseDate(in)
		de, ok := err.(*DateError)
		if !ok || !de.ShortYear || de.Date.String() != want {
			t.Errorf("ParseDate(%q) error = %v, want a short-year error for %s", in, err, want)
			continue
		}
		if !ShortYearIn(de.Date, m) {
			t.Errorf("%s should be inside the window of %s", de.Date, m)
		}
	}
	for _, in := range []string{"26/8/31", "27/10/1", "16/9/1"} {
		_, _, err := ParseDate(in)
		if de, ok := err.(*DateError); !ok || ShortYearIn(de.Date, m) {
			t.Errorf("%q should be outside the window of %s (%v)", in, m, err)
		}
	}
	if _, _, err := ParseDate("26/2/30"); err == nil || !err.(*DateError).Exists {
		t.Errorf("26/2/30 does not exist: %v", err)
	}
}

func TestCleanAndNeutralize(t *testing.T) {
	if got := CleanCode("　１３８００１３８０００ "); got.Value != "13800138000" || !got.Changed {
		t.Errorf("CleanCode = %+v", got)
	}
	if got := CleanText("张三\u200B"); got.Value != "张三" || !got.Changed {
		t.Errorf("CleanText = %+v", got)
	}
	// F18 of the review of 2026-12-02: every character shown as nothing
	// goes, as the warning value.invisible says.
	for _, r := range []rune{0x00AD, 0x034F, 0x115F, 0x1160, 0x180E, 0x200B, 0x200E, 0x200F, 0x202A, 0x202E,
		0x2060, 0x2066, 0x2069, 0x3164, 0xFE0F, 0xFEFF, 0xFFA0, 0xE0001, 0xE0100} {
		x := string(r)
		if got := CleanText("138" + x + "0013" + x + "2468"); got.Value != "13800132468" || !got.Changed {
			t.Errorf("CleanText(%U) = %+v", r, got)
		}
		if got := CleanCode("一般" + x); got.Value != "一般" || !got.Changed {
			t.Errorf("CleanCode(%U) = %+v", r, got)
		}
		if clean("a" + x + "b") {
			t.Errorf("clean passes %U", r)
		}
	}
	for in, want := range map[string]string{"138\u00ad0013\u00ad2468": "U+00AD", "一般\ufe0f": "U+FE0F", "张\u00a0三\u200b\u200e": "U+00A0、U+200B、U+200E",
		"a\u200bb\u200cc\u200dd\u200ee\u200ff\u2060g": "U+200B、U+200C、U+200D、U+200E、U+200F、…", "张三": ""} {
		if got := InvisibleIn(in); got != want {
			t.Errorf("InvisibleIn(%q) = %q, want %q", in, got, want)
		}
	}
	if got := CleanText("使用（非标）调压器"); got.Value != "使用（非标）调压器" || got.Changed {
		t.Errorf("Chinese punctuation must be kept: %+v", got)
	}
	for in, want := range map[string]string{"=1+1": "'=1+1", "+86": "'+86", "-5": "-5", "-x": "'-x", "@SUM(A1)": "'@SUM(A1)", "正常": "正常", "": ""} {
		if got := Neutralize(in); got != want {
			t.Errorf("Neutralize(%q) = %q, want %q", in, got, want)
		}
	}
	for _, s := range []string{"1.38001E+10", "1.38E+10", "2E10"} {
		if !IsScientific(s) {
			t.Errorf("IsScientific(%q) = false", s)
		}
	}
	if IsScientific("13800138000") {
		t.Error("a plain phone is not scientific")
	}
}

// TestEncodeQuotesSeparators: a download cell holding any character that a
// spreadsheet may take as a separator is quoted (issue 12 finding 7), and
// formula cells stay neutralised; what Encode writes reads back unchanged.
func TestEncodeQuotesSeparators(t *testing.T) {
	rows := [][]string{{"A-1", "门口;楼道", "a\tb", `说"好"`, "第一行\n第二行", "x,y", "=1+1", "平常"}}
	got := string(Encode([]string{"隐患编号", "备注", "c", "d", "e", "f", "g", "h"}, rows))
	want := "\uFEFF隐患编号,备注,c,d,e,f,g,h\r\n" +
		"A-1,\"门口;楼道\",\"a\tb\",\"说\"\"好\"\"\",\"第一行\n第二行\",\"x,y\",'=1+1,平常\r\n"
	if got != want {
		t.Errorf("Encode:\n%q\nwant\n%q", got, want)
	}
	// Read with LibreOffice's default separators (tab, comma and semicolon):
	// every field is quoted, so a naive split on any of them outside quotes
	// yields the same 8 cells.
	line := strings.SplitN(strings.SplitN(got, "\r\n", 2)[1], "\r\n", 2)[0]
	cells, in := 1, false
	for _, r := range line {
		switch {
		case r == '"':
			in = !in
		case !in && (r == ',' || r == ';' || r == '\t'):
			cells++
		}
	}
	if cells != 8 {
		t.Errorf("split on , ; tab outside quotes gives %d cells, want 8", cells)
	}
}

// TestReadWorkbookNamedCSV: a workbook or archive renamed .csv gets one
// Chinese error saying what the file really is (issue 12 finding 8), not
// encoding, line-ending and header diagnostics.
func TestReadWorkbookNamedCSV(t *testing.T) {
	zipOf := func(names ...string) []byte {
		var b bytes.Buffer
		z := zip.NewWriter(&b)
		for _, n := range names {
			if n == "mimetype" {
				w, _ := z.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Store})
				_, _ = w.Write([]byte("application/vnd.oasis.opendocument.spreadsheet"))
				continue
			}
			w, _ := z.Create(n)
			_, _ = w.Write([]byte("<x/>"))
		}
		_ = z.Close()
		return b.Bytes()
	}
	tests := []struct {
		name, kind, says string
		in               []byte
	}{
		{"xlsx", KindXLSX, ".xlsx", zipOf("[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml")},
		{"ods", KindODS, ".ods", zipOf("mimetype", "content.xml")},
		{"zip", KindZip, "zip", zipOf("E01.csv")},
		{"xls", KindXLS, ".xls", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if k := Sniff(tt.in); k != tt.kind {
				t.Errorf("Sniff = %q, want %q", k, tt.kind)
			}
			_, ds := Read("data/hazards/2026-10/E01.csv", tt.in, cols)
			if len(ds) != 1 || ds[0].Code != "encoding.binary" || ds[0].Severity != diag.Error {
				t.Fatalf("want one encoding.binary error, got %s", dump(nil, ds))
			}
			if !strings.Contains(ds[0].Message, tt.says) || !strings.Contains(ds[0].Hint, "CSV") {
				t.Errorf("message %q / hint %q should name %s and say how to save as CSV", ds[0].Message, ds[0].Hint, tt.says)
			}
		})
	}
	if k := Sniff([]byte("隐患编号,用户名称\nPK,x\n")); k != "" {
		t.Errorf("text starting with a header is not a container: %q", k)
	}
}

// TestHeaderNotesAndLineBreaks (review 2026-12-02, finding 7): a header
// typed with Alt+Enter is its column (a warning names the spelling); a
// note in brackets gets a hint naming the column, not "请删除该列".
func TestHeaderNotesAndLineBreaks(t *testing.T) {
	tests := []struct {
		header, code, msg, hint string
	}{
		{"\"联系\n电话\"", "header.alias", "表头“联系↵电话”按“联系电话”列读取", "规范表头为“联系电话”"},
		{"联系电话（手机/座机）", "header.unknown", "第 3 列的表头“联系电话（手机/座机）”不是本表的列", "是否应为“联系电话”？表头只写列名，删去括号中的说明"},
		{"联系电话(必填)", "header.unknown", "第 3 列的表头“联系电话(必填)”不是本表的列", "是否应为“联系电话”？表头只写列名，删去括号中的说明"},
		{"身份证号（选填）", "header.unknown", "第 3 列的表头“身份证号（选填）”不是本表的列", "请删除该列，或改成模板中的列名"},
	}
	for _, tt := range tests {
		_, ds := Read("data/x.csv", []byte("隐患编号,用户名称,"+tt.header+"\nE01-202610-0001,张三,13800138000\n"), cols)
		var got []string
		for _, d := range ds {
			if d.Code == tt.code {
				got = append(got, d.Message+"|"+d.Hint)
			}
		}
		if want := tt.msg + "|" + tt.hint; len(got) != 1 || got[0] != want {
			t.Errorf("%q: %s %q, want %q", tt.header, tt.code, got, want)
		}
	}
}

// TestEmptyFile (review F13): a 0-byte, BOM-only or blank-lines file is
// said to be empty (code header.missing as before); a file with text but
// no header line keeps the header message.
func TestEmptyFile(t *testing.T) {
	cols := []Column{{Field: "a", Header: "甲"}, {Field: "b", Header: "乙"}}
	const empty = "文件是空的（0 字节、只有 BOM 或只有空行）：没有表头，也没有数据|第一行应为表头：甲,乙（没有数据时也要有这一行表头）"
	for _, tc := range []struct{ in, want string }{
		{"", empty},
		{"\xef\xbb\xbf", empty},
		{"\r\n\r\n", empty},
		{"\xff\xfe", empty}, // UTF-16 BOM only
		{"x,y\n", "找不到表头行：前 10 行中没有一行是本表的列名|第一行应为表头：甲,乙"},
	} {
		tab, ds := ReadRows("f.csv", []byte(tc.in), cols)
		if tab != nil || len(ds) == 0 {
			t.Fatalf("%q: table %v, %v", tc.in, tab, ds)
		}
		d := ds[len(ds)-1]
		if got := d.Message + "|" + d.Hint; d.Code != "header.missing" || got != tc.want {
			t.Errorf("%q: %s %s\nwant %s", tc.in, d.Code, got, tc.want)
		}
	}
}

// TestParseMonthFirst: English Excel and LibreOffice short dates (month
// first, year last) are never read, but the error carries the month-first
// reading for the message; other forms carry none.
func TestParseMonthFirst(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"10/30/26", "2026-10-30"}, // 2010-30-26 does not exist
		{"10/12/26", "2026-10-12"}, // 2010-12-26 exists, a short year
		{"7/5/2026", "2026-07-05"},
		{"10/05/2026", "2026-10-05"},
		{"13/5/2026", ""}, // day first: no month 13
		{"2/30/26", ""},
		{"26/11/10", ""}, // year first (Chinese LibreOffice): a short year, not month first
		{"10-30-26", ""},
		{"昨天", ""},
	} {
		_, _, err := ParseDate(tt.in)
		de, ok := err.(*DateError)
		if !ok {
			t.Errorf("ParseDate(%q) error = %v, want a DateError", tt.in, err)
			continue
		}
		if got := de.MonthFirst; (tt.want == "" && !got.IsZero()) || (tt.want != "" && got.String() != tt.want) {
			t.Errorf("ParseDate(%q).MonthFirst = %s, want %q", tt.in, got, tt.want)
		}
	}
}

package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"lpg/internal/diag"
	"lpg/internal/workbook"
)

// repoCopy copies the repository's data/ into a temporary root.
func repoCopy(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	if err := os.CopyFS(filepath.Join(root, "data"), os.DirFS("../../data")); err != nil {
		t.Fatal(err)
	}
	return root
}

func run(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	c := &Command{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb}
	code = c.Main(append([]string{"lpg"}, args...))
	return code, out.String(), errb.String()
}

func TestValidateExitCodesAndJSON(t *testing.T) {
	root := repoCopy(t)
	if code, out, _ := run("validate", "--root", root); code != ExitOK || !strings.Contains(out, "0 个错误") {
		t.Fatalf("valid data: exit %d\n%s", code, out)
	}
	bad := filepath.Join(root, "data/hazards/2026-07/E01.csv")
	b, _ := os.ReadFile(bad)
	lines := strings.Split(string(b), "\n")
	lines[4] = strings.Replace(lines[4], "2026-07-", "2026-13-", 1)
	if err := os.WriteFile(bad, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	// flags after the positional argument, path relative to --root
	code, out, _ := run("validate", "data/hazards/2026-07/E01.csv", "--root", root, "--format", "json")
	if code != ExitInvalid {
		t.Fatalf("invalid data: exit %d, want 1", code)
	}
	var sum struct {
		Files, Rows int
		Errors      []struct {
			File, Column, Code string
			Line, Row          int
		}
	}
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if sum.Files != 1 || len(sum.Errors) != 1 || sum.Errors[0].Line != 5 || sum.Errors[0].Row != 5 ||
		sum.Errors[0].Column != "安检日期" || sum.Errors[0].Code != "inspection_date.invalid" || sum.Errors[0].File != "data/hazards/2026-07/E01.csv" {
		t.Errorf("summary = %+v", sum)
	}
	if code, _, errOut := run("validate", "--root", root, "--format", "xml"); code != ExitFailure || !strings.Contains(errOut, "--format") {
		t.Errorf("bad format: exit %d %s", code, errOut)
	}
	if code, _, _ := run("validate", "--root", filepath.Join(root, "nope")); code != ExitFailure {
		t.Errorf("missing root: exit %d", code)
	}
	if code, _, _ := run("validate", "--root", root, "data/hazards/2026-07/E77.csv"); code != ExitFailure {
		t.Errorf("missing path: exit %d", code)
	}
}

// TestBuildFailureKeepsSite: invalid data writes nothing and leaves the
// previous site exactly as it was.
func TestBuildFailureKeepsSite(t *testing.T) {
	root := tinyCopy(t)
	if code, _, errOut := run("build", "--root", root, "--as-of", "2026-11-29T12:00:00+08:00"); code != ExitOK {
		t.Fatalf("build: exit %d %s", code, errOut)
	}
	before, _ := os.ReadFile(filepath.Join(root, "site/index.html"))
	if err := os.WriteFile(filepath.Join(root, "data/hazards/2026-10/E01.csv"), []byte("隐患编号,街镇\nE01-202610-0001,不存在镇\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := run("build", "--root", root, "--as-of", "2026-11-30T12:00:00+08:00")
	if code != ExitInvalid || !strings.Contains(errOut, "未生成网站") {
		t.Fatalf("invalid build: exit %d %s", code, errOut)
	}
	after, _ := os.ReadFile(filepath.Join(root, "site/index.html"))
	if !bytes.Equal(before, after) || len(before) == 0 {
		t.Error("a failed build changed site/index.html")
	}
}

// TestXLSXRoundTrip: template → filled in by excelize as a clerk would
// (dates typed as dates, the phone typed as a number) → import → the
// canonical CSV in data/ → validate.
func TestXLSXRoundTrip(t *testing.T) {
	root := repoCopy(t)
	tpl := filepath.Join(t.TempDir(), "排查表模板.xlsx")
	if code, _, errOut := run("template", "hazards", "--root", root, "--out", tpl); code != ExitOK {
		t.Fatalf("template: exit %d %s", code, errOut)
	}
	f, err := excelize.OpenFile(tpl)
	if err != nil {
		t.Fatal(err)
	}
	sheet := f.GetSheetName(0)
	if sheet != "排查表" {
		t.Fatalf("first sheet %q", sheet)
	}
	if dv, _ := f.GetDataValidations(sheet); len(dv) < 5 {
		t.Errorf("template has %d data validations, want the enums, towns, villages and types", len(dv))
	}
	header, _ := f.GetRows(sheet)
	col := map[string]string{}
	for i, h := range header[0] {
		c, _ := excelize.ColumnNumberToName(i + 1)
		col[h] = c
	}
	set := func(row int, h string, v any) {
		if err := f.SetCellValue(sheet, col[h]+itoa(row), v); err != nil {
			t.Fatal(err)
		}
	}
	dateStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	for i, r := range []struct {
		id, village string
		day         int
	}{{"E04-202610-0001", "张马村", 3}, {"E04-202610-0002", "东方社区居委会", 31}} {
		row := i + 2
		set(row, "隐患编号", r.id)
		set(row, "街镇", map[int]string{0: "朱家角镇", 1: "夏阳街道"}[i])
		set(row, "村居", r.village)
		set(row, "用户类型", "居民")
		set(row, "用户名称", "王喆")
		set(row, "联系电话", 13800138000) // a number, as Excel stores it
		set(row, "用气地址", "某路1号")
		set(row, "安检日期", time.Date(2026, 10, r.day, 0, 0, 0, 0, time.UTC))
		_ = f.SetCellStyle(sheet, col["安检日期"]+itoa(row), col["安检日期"]+itoa(row), dateStyle)
		set(row, "安检人员", "李四")
		set(row, "隐患类别", "HOSE_AGED")
		set(row, "现场处置", "当场整改")
	}
	filled := filepath.Join(t.TempDir(), "E04-10月.xlsx")
	if err := f.SaveAs(filled); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run("import", filled, "--form", "hazards", "--root", root, "--received-at", "2026-11-20T10:00:00+08:00")
	if code != ExitOK {
		t.Fatalf("import: exit %d\n%s\n%s", code, out, errOut)
	}
	got, err := os.ReadFile(filepath.Join(root, "data/hazards/2026-10/E04.csv"))
	if err != nil {
		t.Fatal(err)
	}
	want := "隐患编号,安检单号,街镇,村居,用户类型,用户编号,用户名称,联系电话,用气地址,房屋类型,钢瓶数量,安检日期,安检人员,隐患类别,隐患描述,隐患等级,现场处置,告知单编号,整改期限,备注\n" +
		"E04-202610-0001,,朱家角镇,张马村村委会,居民,,王喆,13800138000,某路1号,,,2026-10-03,李四,HOSE_AGED,,,当场整改,,,\n" +
		"E04-202610-0002,,夏阳街道,东方社区居委会,居民,,王喆,13800138000,某路1号,,,2026-10-31,李四,HOSE_AGED,,,当场整改,,,\n"
	if string(got) != want {
		t.Errorf("canonical file:\n%s\nwant:\n%s", got, want)
	}
	if !strings.Contains(out, "村居“张马村”按“张马村村委会”读取") {
		t.Errorf("import did not report the short village name:\n%s", out)
	}
	rc, _ := os.ReadFile(filepath.Join(root, "data/receipts.csv"))
	if !strings.Contains(string(rc), "data/hazards/2026-10/E04.csv,2026-11-20T10:00:00+08:00,email,代报\n") {
		t.Errorf("receipt not recorded:\n%s", rc)
	}
	if code, out, _ := run("validate", "--root", root); code != ExitOK {
		t.Errorf("repository invalid after import:\n%s", out)
	}
}

// TestImportRejectsWithoutWriting: a bad file writes nothing.
func TestImportRejectsWithoutWriting(t *testing.T) {
	root := repoCopy(t)
	target := filepath.Join(root, "data/hazards/2026-07/E01.csv")
	before, _ := os.ReadFile(target)
	src := filepath.Join(t.TempDir(), "e01.csv")
	os.WriteFile(src, []byte("隐患编号,街镇,村居,用户类型,用户名称,联系电话,用气地址,安检日期,安检人员,隐患类别,现场处置\nE01-202607-0001,夏阳街道,东方社区居委会,居民,张三,1.38001E+10,某路1号,2026-10-03,李四,HOSE_AGED,当场整改\n"), 0o644)
	code, out, _ := run("import", src, "--form", "hazards", "--root", root)
	if code != ExitInvalid || !strings.Contains(out, "科学计数法") || !strings.Contains(out, "未写入任何文件") {
		t.Fatalf("exit %d\n%s", code, out)
	}
	after, _ := os.ReadFile(target)
	if !bytes.Equal(before, after) {
		t.Error("a rejected import changed the target file")
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestBuildRefusesDangerousOut: the output directory is replaced as a
// whole, so lpg refuses one that is (or holds) the repository, lies inside
// data/, or already holds files lpg did not write.
func TestBuildRefusesDangerousOut(t *testing.T) {
	root := tinyCopy(t)
	other := filepath.Join(t.TempDir(), "mine")
	os.MkdirAll(other, 0o755)
	os.WriteFile(filepath.Join(other, "notes.txt"), []byte("keep me"), 0o644)
	for _, out := range []string{".", "..", "data", "data/site", root, other} {
		code, _, errOut := run("build", "--root", root, "--out", out, "--as-of", "2026-11-29T12:00:00+08:00")
		if code != ExitFailure || !strings.Contains(errOut, "输出目录") {
			t.Errorf("--out %s: exit %d %s", out, code, errOut)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "data/reference/towns.csv")); err != nil {
		t.Fatal("the data repository was damaged")
	}
	if b, _ := os.ReadFile(filepath.Join(other, "notes.txt")); string(b) != "keep me" {
		t.Fatal("a foreign directory was replaced")
	}
	// a site lpg made is replaced again; README.md alone is fine too
	site := filepath.Join(root, "site")
	os.MkdirAll(site, 0o755)
	os.WriteFile(filepath.Join(site, "README.md"), []byte("readme"), 0o644)
	for i := 0; i < 2; i++ {
		if code, _, errOut := run("build", "--root", root, "--as-of", "2026-11-29T12:00:00+08:00"); code != ExitOK {
			t.Fatalf("build %d: exit %d %s", i, code, errOut)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(site, "README.md")); string(b) != "readme" {
		t.Error("site/README.md not kept")
	}
}

func TestFlagErrorsInChinese(t *testing.T) {
	root := tinyCopy(t)
	if code, _, errOut := run("validate", "--bogus"); code != ExitFailure || !strings.Contains(errOut, "不认识的参数 -bogus") || strings.Contains(errOut, "flag provided") {
		t.Errorf("unknown flag: exit %d %q", code, errOut)
	}
	if code, _, errOut := run("validate", "--root"); code != ExitFailure || !strings.Contains(errOut, "参数 -root 缺少取值") {
		t.Errorf("missing value: exit %d %q", code, errOut)
	}
	if code, out, _ := run("--root", root, "validate"); code != ExitOK || !strings.Contains(out, "0 个错误") {
		t.Errorf("--root before the subcommand: exit %d %q", code, out)
	}
}

// TestImportGuards: import refuses, before writing anything, a bad
// --received-at, a binary .xls, a workbook with two data sheets, and a
// shorter 排查表 that would drop hazards (and break the towns' rows) unless
// --replace is given; receipts keep the earliest time.
func TestImportGuards(t *testing.T) {
	root := repoCopy(t)
	target := filepath.Join(root, "data/hazards/2026-09/E02.csv")
	orig, _ := os.ReadFile(target)
	dir := t.TempDir()
	half := filepath.Join(dir, "half.csv")
	os.WriteFile(half, []byte(strings.Join(strings.SplitAfter(string(orig), "\n")[:20], "")), 0o644)

	code, out, errOut := run("import", half, "--form", "hazards", "--root", root, "--received-at", "yesterday")
	if code != ExitFailure || !strings.Contains(errOut, "--received-at") {
		t.Errorf("bad --received-at: exit %d %s %s", code, out, errOut)
	}
	code, out, _ = run("import", half, "--form", "hazards", "--root", root)
	if code != ExitInvalid || !strings.Contains(out, "hazard_id.unknown") {
		t.Errorf("shorter file breaking town rows: exit %d\n%.600s", code, out)
	}
	if b, _ := os.ReadFile(target); !bytes.Equal(b, orig) {
		t.Fatal("a refused import changed the file")
	}
	xls := filepath.Join(dir, "old.xls")
	os.WriteFile(xls, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest"), 0o644)
	if code, _, errOut := run("import", xls, "--form", "hazards", "--root", root); code != ExitFailure || !strings.Contains(errOut, "旧版二进制 .xls") {
		t.Errorf("binary xls: exit %d %s", code, errOut)
	}
	f := excelize.NewFile()
	f.SetCellStr("Sheet1", "A1", "隐患编号")
	f.NewSheet("续表")
	f.SetCellStr("续表", "A1", "隐患编号")
	two := filepath.Join(dir, "two.xlsx")
	f.SaveAs(two)
	if code, _, errOut := run("import", two, "--form", "hazards", "--root", root); code != ExitFailure || !strings.Contains(errOut, "--sheet") {
		t.Errorf("two sheets: exit %d %s", code, errOut)
	}

	// Replacing a file without removing rows is fine; removing rows needs --replace.
	e04 := filepath.Join(root, "data/hazards/2026-09/E04.csv")
	b04, _ := os.ReadFile(e04)
	lines := strings.SplitAfter(string(b04), "\n")
	short := filepath.Join(dir, "e04.csv")
	os.WriteFile(short, []byte(strings.Join(lines[:len(lines)-2], "")), 0o644)
	os.RemoveAll(filepath.Join(root, "data/rectifications/2026-09"))
	code, out, _ = run("import", short, "--form", "hazards", "--root", root)
	if code != ExitInvalid || !strings.Contains(out, "--replace") {
		t.Errorf("dropping a row without --replace: exit %d\n%s", code, out)
	}
	if code, out, _ := run("import", short, "--form", "hazards", "--root", root, "--replace", "--received-at", "2026-12-01T00:00:00+08:00"); code != ExitOK {
		t.Errorf("with --replace: exit %d\n%s", code, out)
	} else if !strings.Contains(out, "更早的收件记录") {
		t.Errorf("a later receipt must not replace the earlier one:\n%s", out)
	}
}

func TestCheckRefusesEmptyActor(t *testing.T) {
	root := tinyCopy(t)
	code, _, errOut := run("check", "--root", root, "--base", "main", "--actor", "")
	if code != ExitFailure || !strings.Contains(errOut, "--actor 为空") {
		t.Errorf("empty --actor: exit %d %s", code, errOut)
	}
}

// TestImportNamesClerksCell: diagnostics about the imported file name the
// clerk's file, sheet and cell (排查表.xlsx 工作表“Sheet1” C3), not the
// repository path it would be written to; an .ods gets a Chinese message
// naming .ods (issue 12 findings 8 and 9).
func TestImportNamesClerksCell(t *testing.T) {
	root := repoCopy(t)
	dir := t.TempDir()
	f := excelize.NewFile()
	rows := [][]any{
		{"隐患编号", "街镇", "村居", "用户类型", "用户名称", "联系电话", "用气地址", "安检日期", "安检人员", "隐患类别", "现场处置"},
		{"E04-202610-0001", "朱家角镇", "张马村", "居民", "王喆", "13800138000", "某路1号", "2026-10-03", "李四", "HOSE_AGED", "当场整改"},
		{"E04-202610-0002", "朱家角镇", "张马村", "居民", "王喆", "13800138000", "某路1号", "2026-10-03", "李四", "没有这类", "当场整改"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		_ = f.SetSheetRow("Sheet1", cell, &r)
	}
	src := filepath.Join(dir, "排查表.xlsx")
	if err := f.SaveAs(src); err != nil {
		t.Fatal(err)
	}
	code, out, _ := run("import", src, "--form", "hazards", "--root", root)
	if code != ExitInvalid {
		t.Fatalf("exit %d\n%s", code, out)
	}
	if !strings.Contains(out, "排查表.xlsx 工作表“Sheet1” J3:隐患类别: 错误") {
		t.Errorf("the error should name 排查表.xlsx 工作表“Sheet1” J3:\n%s", out)
	}
	if strings.Contains(out, "data/hazards/2026-10/E04.csv:") {
		t.Errorf("diagnostics still cite the target path:\n%s", out)
	}
	ods := filepath.Join(dir, "排查表.ods")
	os.WriteFile(ods, []byte("PK\x03\x04\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x08\x00\x00\x00mimetypeapplication/vnd.oasis.opendocument.spreadsheet"), 0o644)
	if code, _, errOut := run("import", ods, "--form", "hazards", "--root", root); code != ExitFailure || !strings.Contains(errOut, ".ods") || !strings.Contains(errOut, "另存为") {
		t.Errorf(".ods: exit %d %s", code, errOut)
	}
}

// TestTemplateFindsRepository (issue 12 finding 5): `lpg template` run in
// the repository (its root or a folder below) needs no --root, says so in
// its usage, and outside a repository says to use --root.
func TestTemplateFindsRepository(t *testing.T) {
	root := repoCopy(t)
	out := filepath.Join(t.TempDir(), "t.xlsx")
	t.Chdir(filepath.Join(root, "data", "hazards"))
	if code, _, errOut := run("template", "rectifications", "--town", "310118102", "--out", out); code != ExitOK {
		t.Fatalf("template in data/hazards without --root: exit %d %s", code, errOut)
	}
	if _, err := os.Stat(out); err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	if code, _, errOut := run("template", "hazards", "--out", out); code != ExitFailure || !strings.Contains(errOut, "--root") {
		t.Errorf("outside a repository: exit %d %s", code, errOut)
	}
	if _, _, errOut := run("template"); !strings.Contains(errOut, "--root") {
		t.Errorf("usage does not mention --root: %s", errOut)
	}
}

// TestTemplateOutGuard (review round 3, G35): lpg template refuses an
// --out that is not .xlsx or lies in the repository's data/ (the upload
// name typed as --out overwrote a submitted 汇总表), and writes nothing.
func TestTemplateOutGuard(t *testing.T) {
	root := tinyCopy(t)
	target := filepath.Join(root, "data/rectifications/2026-10/310118102.csv")
	before := mustRead(t, target)
	for out, want := range map[string]string{
		target: "不是 .xlsx 文件",
		filepath.Join(root, "data/rectifications/2026-10/310118102.xlsx"): "位于数据仓库的 data/ 中",
		filepath.Join(root, "templates", "t.xlsx"):                        "位于数据仓库的 templates/ 中",
	} {
		code, _, errOut := run("template", "rectifications", "--town", "310118102", "--root", root, "--out", out)
		if code != ExitFailure || !strings.Contains(errOut, want) {
			t.Errorf("--out %s: exit %d %s, want %q", out, code, errOut, want)
		}
		if _, err := os.Stat(out); out != target && err == nil {
			t.Errorf("--out %s written", out)
		}
	}
	if mustRead(t, target) != before {
		t.Errorf("%s overwritten", target)
	}
	if code, _, errOut := run("template", "rectifications", "--root", root, "--out", filepath.Join(t.TempDir(), "汇总表模板.XLSX")); code != ExitOK {
		t.Errorf("outside the repository: exit %d %s", code, errOut)
	}
}

// TestInspectionsTemplateImport (issue 13): the 入户安检量表 template, filled
// in as a clerk would (a count typed as a number, a short village name),
// imported under the month and enterprise given; an import that leaves a
// town of the enterprise's 排查表 without households is refused and names
// the 排查表's row; without --month and --submitter it is a usage error.
func TestInspectionsTemplateImport(t *testing.T) {
	root := repoCopy(t)
	tpl := filepath.Join(t.TempDir(), "入户安检量表模板.xlsx")
	if code, _, errOut := run("template", "inspections", "--root", root, "--out", tpl); code != ExitOK {
		t.Fatalf("template: exit %d %s", code, errOut)
	}
	f, err := excelize.OpenFile(tpl)
	if err != nil {
		t.Fatal(err)
	}
	sheet := f.GetSheetName(0)
	header, _ := f.GetRows(sheet)
	if sheet != "入户安检量表" || strings.Join(header[0], ",") != "街镇,村居,用户类型,安检户数,拒绝入户户数,备注" {
		t.Fatalf("sheet %q header %v", sheet, header)
	}
	for _, c := range []struct {
		cell string
		v    any
	}{{"A2", "夏阳街道"}, {"C2", "居民"}, {"D2", 800}, {"E2", 4},
		{"A3", "朱家角镇"}, {"B3", "张马村"}, {"C3", "餐饮"}, {"D3", 12}} {
		if err := f.SetCellValue(sheet, c.cell, c.v); err != nil {
			t.Fatal(err)
		}
	}
	filled := filepath.Join(t.TempDir(), "E04-10月安检量.xlsx")
	if err := f.SaveAs(filled); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := run("import", filled, "--form", "inspections", "--root", root); code != ExitFailure || !strings.Contains(errOut, "--month YYYY-MM 和 --submitter") {
		t.Errorf("without --month: exit %d %s", code, errOut)
	}
	code, out, errOut := run("import", filled, "--form", "inspections", "--month", "2026-10", "--submitter", "E04", "--root", root)
	if code != ExitOK {
		t.Fatalf("import: exit %d\n%s\n%s", code, out, errOut)
	}
	got, _ := os.ReadFile(filepath.Join(root, "data/inspections/2026-10/E04.csv"))
	if want := "街镇,村居,用户类型,安检户数,拒绝入户户数,备注\n夏阳街道,,居民,800,4,\n朱家角镇,张马村村委会,餐饮,12,,\n"; string(got) != want {
		t.Errorf("canonical file:\n%s\nwant:\n%s", got, want)
	}

	// E01's 2026-10 排查表 names 夏阳街道, 朱家角镇, 盈浦街道 and 香花桥街道.
	csvFile := filepath.Join(t.TempDir(), "E01安检量.csv")
	os.WriteFile(csvFile, []byte("街镇,用户类型,安检户数\n夏阳街道,居民,500\n朱家角镇,居民,600\n盈浦街道,居民,700\n"), 0o644)
	before, _ := os.ReadFile(filepath.Join(root, "data/inspections/2026-10/E01.csv"))
	code, out, _ = run("import", csvFile, "--form", "inspections", "--month", "2026-10", "--submitter", "E01", "--root", root)
	if code != ExitInvalid || !strings.Contains(out, "data/hazards/2026-10/E01.csv:") || !strings.Contains(out, "香花桥街道的安检户数为 0") {
		t.Errorf("import leaving 香花桥街道 without households: exit %d\n%s", code, out)
	}
	if after, _ := os.ReadFile(filepath.Join(root, "data/inspections/2026-10/E01.csv")); !bytes.Equal(before, after) {
		t.Error("a refused import changed the file")
	}
}

// TestImportClerksCellAfterTitleRow: a workbook with a title row above the
// header (as clerks make them) and a CSV file: the cell named is the one
// the clerk sees — J4 below a title row, C3 in the CSV (issue 12 finding 9).
func TestImportClerksCellAfterTitleRow(t *testing.T) {
	root := repoCopy(t)
	dir := t.TempDir()
	header := []any{"隐患编号", "街镇", "村居", "用户类型", "用户名称", "联系电话", "用气地址", "安检日期", "安检人员", "隐患类别", "现场处置"}
	good := []any{"E04-202610-0001", "朱家角镇", "张马村", "居民", "王喆", "13800138000", "某路1号", "2026-10-03", "李四", "HOSE_AGED", "当场整改"}
	bad := []any{"E04-202610-0002", "朱家角镇", "张马村", "居民", "王喆", "13800138000", "某路1号", "2026-10-03", "李四", "没有这类", "当场整改"}
	f := excelize.NewFile()
	_ = f.SetSheetName("Sheet1", "十月")
	_ = f.SetCellValue("十月", "A1", "2026年10月瓶装液化石油气安全隐患排查表")
	for i, r := range [][]any{header, good, bad} {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		_ = f.SetSheetRow("十月", cell, &r)
	}
	src := filepath.Join(dir, "十月排查表.xlsx")
	if err := f.SaveAs(src); err != nil {
		t.Fatal(err)
	}
	code, out, _ := run("import", src, "--form", "hazards", "--root", root)
	if code != ExitInvalid || !strings.Contains(out, "十月排查表.xlsx 工作表“十月” J4:隐患类别: 错误") {
		t.Errorf("exit %d; the error should name 十月排查表.xlsx 工作表“十月” J4:\n%s", code, out)
	}
	var csv strings.Builder
	for _, r := range [][]any{header, good, bad} {
		for i, c := range r {
			if i > 0 {
				csv.WriteString(",")
			}
			csv.WriteString(c.(string))
		}
		csv.WriteString("\n")
	}
	src = filepath.Join(dir, "排查表.csv")
	if err := os.WriteFile(src, []byte(strings.Replace(csv.String(), "张马村", "没有这个村", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ = run("import", src, "--form", "hazards", "--root", root)
	if code != ExitInvalid || !strings.Contains(out, "排查表.csv C2:村居: 错误") || !strings.Contains(out, "排查表.csv J3:隐患类别: 错误") {
		t.Errorf("exit %d; the errors should name 排查表.csv C2 and J3:\n%s", code, out)
	}
}

// TestImportMergedCells (review of 2026-12-02, round 3, G8): a workbook
// whose 村居 and 安检日期 are merged over two rows (the value stored in the
// top-left cell only, shown on both rows) is imported with the value on
// both rows and one warning per range naming it, its first cell, the value
// and the rows.
func TestImportMergedCells(t *testing.T) {
	root := repoCopy(t)
	f := excelize.NewFile()
	rows := [][]any{
		{"隐患编号", "街镇", "村居", "用户类型", "用户名称", "联系电话", "用气地址", "安检日期", "安检人员", "隐患类别", "现场处置"},
		{"E04-202610-0001", "朱家角镇", "张马村", "居民", "王喆", "13800138000", "某路1号", "2026-10-03", "李四", "HOSE_AGED", "当场整改"},
		{"E04-202610-0002", "朱家角镇", "", "居民", "李明", "13800138001", "某路2号", "", "李四", "HOSE_AGED", "当场整改"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		_ = f.SetSheetRow("Sheet1", cell, &r)
	}
	_ = f.MergeCell("Sheet1", "C2", "C3")
	_ = f.MergeCell("Sheet1", "H2", "H3")
	src := filepath.Join(t.TempDir(), "排查表.xlsx")
	if err := f.SaveAs(src); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run("import", src, "--form", "hazards", "--root", root)
	if code != ExitOK {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{
		"排查表.xlsx 工作表“Sheet1” C2:C3: 警告: C2:C3 是合并单元格：已按 C2 的值“张马村”读入第 2–3 行（提示：请核对这几行是否都是这个值；在 Excel 中取消合并（选中该区域→再点一次“合并后居中”）并填好每一行） [xlsx.merged]",
		"排查表.xlsx 工作表“Sheet1” H2:H3: 警告: H2:H3 是合并单元格：已按 H2 的值“2026-10-03”读入第 2–3 行（提示：请核对这几行是否都是这个值；在 Excel 中取消合并（选中该区域→再点一次“合并后居中”）并填好每一行） [xlsx.merged]",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks\n%s\n%s", want, out)
		}
	}
	got, _ := os.ReadFile(filepath.Join(root, "data/hazards/2026-10/E04.csv"))
	if !strings.Contains(string(got), "E04-202610-0002,朱家角镇,张马村村委会,居民,李明,13800138001,某路2号,2026-10-03,") {
		t.Errorf("canonical file:\n%s", got)
	}
}

// TestImportLostZeros (review of 2026-12-02, round 3, G1): importing a
// 排查表 whose 告知单编号 is the stored one without its leading zeros (a
// spreadsheet's CSV round trip) warns, naming the column, the row and
// both values.
func TestImportLostZeros(t *testing.T) {
	root := repoCopy(t)
	p := filepath.Join(root, "data/hazards/2026-10/E01.csv")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(b), "\n")
	cells := strings.Split(lines[1], ",")
	cells[13] = "0012345" // 告知单编号
	lines[1] = strings.Join(cells, ",")
	if err := os.WriteFile(p, []byte(strings.Join(lines, "")), 0o644); err != nil {
		t.Fatal(err)
	}
	cells[13] = "12345"
	lines[1] = strings.Join(cells, ",")
	src := filepath.Join(t.TempDir(), "E01.csv")
	if err := os.WriteFile(src, []byte(strings.Join(lines, "")), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run("import", src, "--form", "hazards", "--month", "2026-10", "--submitter", "E01", "--replace", "--root", root)
	if code != ExitOK {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	want := "E01.csv: 警告: 告知单编号开头的 0 丢失：" + cells[0] + "（0012345 → 12345）（提示：电子表格打开 CSV 时把编号当作数字，去掉了开头的 0：在 Excel 或 LibreOffice 中把该列设为“文本”，改回原编号后再保存；若确是改正编号，请说明原因） [value.leading_zero]"
	if !strings.Contains(out, want) {
		t.Errorf("output lacks\n%s\n%s", want, out)
	}
}

// h11Rows are three hazards of E01 for 2026-11 (the reproduction of
// review round 4, H11 and H4, /tmp/attack/h11.csv), header first.
var h11Rows = [][]string{
	{"隐患编号", "街镇", "村居", "用户类型", "用户编号", "用户名称", "联系电话", "用气地址", "安检日期", "安检人员", "隐患类别", "隐患描述", "隐患等级", "现场处置", "告知单编号", "整改期限", "备注"},
	{"E01-202611-0001", "夏阳街道", "东方社区居委会", "餐饮", "00012345", "罗记饭店", "13800135075", "夏阳街道崧泽大道824弄9号301室", "2026-11-30", "顾明华", "商业餐饮用气场所未按规定安装使用燃气泄漏报警器", "", "严重", "停止供气", "", "", ""},
	{"E01-202611-0002", "夏阳街道", "东方社区居委会", "其他非居民", "00012345", "赵记馄饨店", "13800135010", "夏阳街道外青松公路537弄18号402室", "2026-11-21", "陆建平", "橡胶管与燃气器具的连接长度超过2米", "", "一般", "当场整改", "", "", ""},
	{"E01-202611-0003", "夏阳街道", "东方社区居委会", "居民", "00012345", "董超洋", "13800137761", "夏阳街道华青路972弄26号304室", "2026-11-16", "王海根", "橡胶管连接处无卡箍固定", "现场发现：橡胶管连接处无卡箍固定", "一般", "书面告知限期整改", "E01GZ2026100107", "", ""},
}

// putRows writes rows as text cells of sheet from row first on.
func putRows(t *testing.T, f *excelize.File, sheet string, first int, rows ...[]string) {
	t.Helper()
	for i, r := range rows {
		for j, v := range r {
			cell, _ := excelize.CoordinatesToCellName(j+1, first+i)
			if err := f.SetCellStr(sheet, cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestImportHiddenSheet (review round 4, H11): a workbook whose hazards
// are split over a visible sheet 第一页 and a hidden sheet 第二页 is
// refused, naming both sheets and the hidden one as hidden, and nothing is
// written (before: 第一页's two rows were imported, 第二页's row was lost
// and the summary said 0 errors, 0 warnings). --sheet reads the hidden
// sheet; a workbook whose only sheet with data is hidden is read, and the
// line naming the sheet says it is hidden.
func TestImportHiddenSheet(t *testing.T) {
	root := repoCopy(t)
	target := filepath.Join(root, "data/hazards/2026-11/E01.csv")
	f := excelize.NewFile()
	_ = f.SetSheetName("Sheet1", "第一页")
	_, _ = f.NewSheet("第二页")
	putRows(t, f, "第一页", 1, h11Rows[:3]...)
	putRows(t, f, "第二页", 1, h11Rows[0], h11Rows[3])
	_ = f.SetSheetVisible("第二页", false)
	src := filepath.Join(t.TempDir(), "hid.xlsx")
	if err := f.SaveAs(src); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run("import", src, "--form", "hazards", "--root", root)
	want := "lpg import: " + src + " 有 2 个工作表都有内容（“第一页”、“第二页”（隐藏））：为免漏读，请用 --sheet 指定要导入的一个，或把内容合并到一个工作表。隐藏的工作表在 Excel 中看不到：右键任一工作表标签→“取消隐藏”即可查看；其中的行不是隐患数据时，请删除该工作表后再导入\n"
	if code != ExitFailure || errOut != want || out != "" {
		t.Errorf("exit %d\nstdout %s\nstderr %s\nwant stderr %s", code, out, errOut, want)
	}
	if _, err := os.Stat(target); err == nil {
		t.Fatalf("a refused import wrote %s", target)
	}
	code, out, errOut = run("import", src, "--form", "hazards", "--sheet", "第二页", "--root", root)
	if code != ExitOK || errOut != "读取工作表“第二页”（隐藏的工作表）。\n" || !strings.Contains(out, "已写入 data/hazards/2026-11/E01.csv（1 行）。") {
		t.Errorf("--sheet 第二页: exit %d\n%s\n%s", code, out, errOut)
	}

	_ = f.DeleteSheet("第一页")
	if err := f.SaveAs(src); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = run("import", src, "--form", "hazards", "--replace", "--root", root)
	if code != ExitOK || errOut != "读取工作表“第二页”（隐藏的工作表）。\n" || !strings.Contains(out, "已写入 data/hazards/2026-11/E01.csv（1 行）。") {
		t.Errorf("only the hidden sheet: exit %d\n%s\n%s", code, out, errOut)
	}
}

// TestImportZeroPaddedNumber (review round 4, H4): a code typed as a
// number with the custom format 00000000 (Excel shows 00012345, the cell
// stores 12345) is imported as shown, in code columns (用户编号, 告知单编号
// with a literal prefix "E01GZ"0000…) and phone columns, with one warning
// per column naming the cells, the format and both values; an int column
// (安检户数 … of the 入户安检量表) keeps the number. Before, 12345 was
// written with 0 errors, 0 warnings.
func TestImportZeroPaddedNumber(t *testing.T) {
	root := repoCopy(t)
	f := excelize.NewFile()
	putRows(t, f, "Sheet1", 1, h11Rows...)
	number := func(cell string, v float64, format string) {
		t.Helper()
		st, err := f.NewStyle(&excelize.Style{CustomNumFmt: &format})
		if err != nil {
			t.Fatal(err)
		}
		if err := f.SetCellFloat("Sheet1", cell, v, -1, 64); err != nil {
			t.Fatal(err)
		}
		if err := f.SetCellStyle("Sheet1", cell, cell, st); err != nil {
			t.Fatal(err)
		}
	}
	number("E2", 12345, "00000000")
	number("E4", 345, "00000000")
	number("O4", 2026100107, `"E01GZ"0000000000`)
	number("G3", 2159720000, "00000000000")
	src := filepath.Join(t.TempDir(), "lz.xlsx")
	if err := f.SaveAs(src); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run("import", src, "--form", "hazards", "--root", root)
	if code != ExitOK {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{
		"lz.xlsx 工作表“Sheet1” E2:用户编号: 警告: E2、E4 共 2 个单元格存的是数字，单元格格式“00000000”显示的与存的不同（如 E2 存的是 12345，显示为“00012345”）：已按显示的内容读取（提示：请核对；把该列设为“文本”格式后再输入编号，可免此提示） [xlsx.number_format]",
		"lz.xlsx 工作表“Sheet1” G3:联系电话: 警告: 存的是数字 2159720000，单元格格式“00000000000”把它显示为“02159720000”：已按显示的“02159720000”读取（提示：请核对；把该列设为“文本”格式后再输入编号，可免此提示） [xlsx.number_format]",
		"lz.xlsx 工作表“Sheet1” O4:告知单编号: 警告: 存的是数字 2026100107，单元格格式“\"E01GZ\"0000000000”把它显示为“E01GZ2026100107”：已按显示的“E01GZ2026100107”读取（提示：请核对；把该列设为“文本”格式后再输入编号，可免此提示） [xlsx.number_format]",
		"检查了 1 个文件、3 行数据：0 个错误，3 个警告。",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks\n%s\n%s", want, out)
		}
	}
	got := mustRead(t, filepath.Join(root, "data/hazards/2026-11/E01.csv"))
	for _, want := range []string{
		"E01-202611-0001,夏阳街道,东方社区居委会,餐饮,00012345,罗记饭店,",
		"E01-202611-0002,夏阳街道,东方社区居委会,其他非居民,00012345,赵记馄饨店,02159720000,",
		"E01-202611-0003,夏阳街道,东方社区居委会,居民,00000345,董超洋,",
		"书面告知限期整改,E01GZ2026100107,",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("canonical file lacks %q:\n%s", want, got)
		}
	}

	// An int column keeps the stored number: 安检户数 0800 is 800.
	g := excelize.NewFile()
	putRows(t, g, "Sheet1", 1, []string{"街镇", "用户类型", "安检户数"}, []string{"夏阳街道", "居民", ""})
	format := "0000"
	st, _ := g.NewStyle(&excelize.Style{CustomNumFmt: &format})
	_ = g.SetCellInt("Sheet1", "C2", 800)
	_ = g.SetCellStyle("Sheet1", "C2", "C2", st)
	src = filepath.Join(t.TempDir(), "安检量.xlsx")
	if err := g.SaveAs(src); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = run("import", src, "--form", "inspections", "--month", "2026-11", "--submitter", "E01", "--root", root)
	if code != ExitOK || strings.Contains(out, "xlsx.number_format") {
		t.Fatalf("inspections: exit %d\n%s\n%s", code, out, errOut)
	}
	if got := mustRead(t, filepath.Join(root, "data/inspections/2026-11/E01.csv")); got != "街镇,用户类型,安检户数\n夏阳街道,居民,800\n" {
		t.Errorf("inspections file:\n%s", got)
	}
}

// TestDateWarning: the warning xlsx.date_in_text for one cell and for
// several (workbook.Dates; Chinese LibreOffice made dates of 备注 1/2 and
// 10-05 in lpg's template).
func TestDateWarning(t *testing.T) {
	hint := "如果这里填的是“1/2”“10-05”这样的文字，是电子表格把它当成了日期，原来输入的文字已不在文件中：把该列设为“文本”格式后重新输入；确是日期则无需处理"
	for _, tc := range []struct {
		cells []string
		want  string
	}{
		{[]string{"T3"}, "备注是日期格式的单元格（存的是日期序号 46024）：已按日期“2026-01-02”读取"},
		{[]string{"T3", "T4"}, "T3、T4 共 2 个备注单元格是日期格式（如 T3 存的是日期序号 46024）：已按日期读取（T3 读作“2026-01-02”）"},
		{[]string{"T3", "T4", "T7", "T9"}, "T3、T4、T7 等 共 4 个备注单元格是日期格式（如 T3 存的是日期序号 46024）：已按日期读取（T3 读作“2026-01-02”）"},
	} {
		d := dateWarning(workbook.Shown{Column: "备注", Cells: tc.cells, Row: 3, Raw: "46024", Value: "2026-01-02"})
		if d.Message != tc.want || d.Hint != hint || d.Code != "xlsx.date_in_text" || d.Row != 3 || d.Column != "备注" || d.Value != "2026-01-02" || d.Severity != diag.Warning {
			t.Errorf("dateWarning(%v) = %+v\nwant message %s", tc.cells, d, tc.want)
		}
	}
}

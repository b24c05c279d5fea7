package validate

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// TestLibreOfficeMonthFirst (issue 10/12 office check): a clerk types the
// dates of her own workbook in English LibreOffice 7.4 the American way
// (10/30/2026), LibreOffice shows them in its short date format and saves
// the CSV "as shown": 10/30/26 (testdata/libreoffice/en_US-short-dates.csv,
// three rows of LibreOffice's output, verbatim). lpg does not read month
// first (10/5 may be 5 October or 10 May), but it said 安检日期“10/30/26”不是
// 存在的日期 (read as 2010-30-26) or 只有两位年份，且读作 2010-12-26 不在本表
// 月份附近: now every such cell names the month-first reading and how to
// make the column YYYY-MM-DD, and the year-first short years of Chinese
// LibreOffice (26年10月19日) are still read as before.
func TestLibreOfficeMonthFirst(t *testing.T) {
	src, err := os.ReadFile("testdata/libreoffice/en_US-short-dates.csv")
	if err != nil {
		t.Fatal(err)
	}
	fsys := dataFS(t)
	const target = "data/hazards/2026-10/E01.csv"
	fsys[target] = &fstest.MapFile{Data: src, Mode: 0o644}
	res, err := Repository(fsys, []string{target})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range res.Diags.Errors() {
		got = append(got, fmt.Sprintf("%s:%d:%s %q [%s] %s（提示：%s）", d.File, d.Line, d.Column, d.Value, d.Code, d.Message, d.Hint))
	}
	hint := "在 Excel 或 LibreOffice 中选中该列→右键“设置单元格格式”→自定义格式 YYYY-MM-DD（或设为“文本”后填写 2026-07-05），再另存为 CSV"
	msg := func(col, v, d string) string {
		return fmt.Sprintf("%s“%s”是英文版 Excel 或 LibreOffice 的“月/日/年”短日期（按月/日/年读是 %s）：lpg 不按月在前读取日期，因为分不清 10/5 是 10 月 5 日还是 5 月 10 日（提示：%s）", col, v, d, hint)
	}
	want := []string{
		target + `:2:安检日期 "10/30/26" [inspection_date.month_first] ` + msg("安检日期", "10/30/26", "2026-10-30"),
		target + `:3:安检日期 "10/19/26" [inspection_date.month_first] ` + msg("安检日期", "10/19/26", "2026-10-19"),
		target + `:3:整改期限 "10/29/26" [due_date.month_first] ` + msg("整改期限", "10/29/26", "2026-10-29"),
		target + `:4:安检日期 "10/12/26" [inspection_date.month_first] ` + msg("安检日期", "10/12/26", "2026-10-12"),
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}

	// The same rows as Chinese LibreOffice saves them: read, with a warning.
	zh := strings.NewReplacer("10/30/26", "26年10月30日", "10/19/26", "26年10月19日", "10/29/26", "26年10月29日", "10/12/26", "26年10月12日").Replace(string(src))
	fsys[target] = &fstest.MapFile{Data: []byte(zh), Mode: 0o644}
	res, err = Repository(fsys, []string{target})
	if err != nil {
		t.Fatal(err)
	}
	if errs := res.Diags.Errors(); len(errs) != 0 {
		t.Errorf("26年10月30日: %d errors, first %+v", len(errs), errs[0])
	}
}

package check

import (
	"strings"
	"testing"

	"lpg/internal/diag"
)

// TestMarkdownEscapes (review finding F12): text from cells reaches the
// pull request comment as plain text (no link, image, mention, HTML or
// emphasis), and code spans show the value exactly (no HTML entities).
func TestMarkdownEscapes(t *testing.T) {
	const wj = "\u2060"
	for _, c := range []struct{ in, md, code string }{
		{"13800138000", "13800138000", "`13800138000`"},
		{"2026-11-22T09:00:00+08:00", "2026-11-22T09:00:00+08:00", "`2026-11-22T09:00:00+08:00`"},
		{"LOC_GARAGE", "LOC_GARAGE", "`LOC_GARAGE`"},
		{"_王建国_", `\_王建国\_`, "`_王建国_`"},
		{"[请点此下载补丁](https://evil.example/x)", `\[请点此下载补丁\](https\://evil.example/x)`, "`[请点此下载补丁](https://evil.example/x)`"},
		{"![x](https://evil.example/p.png)", `\!\[x\](https\://evil.example/p.png)`, "`![x](https://evil.example/p.png)`"},
		{"@qp-gas-centre", `\@` + wj + "qp-gas-centre", "`@qp-gas-centre`"},
		{"</td></tr></table>", `\</td\>\</tr\>\</table\>`, "`</td></tr></table>`"},
		{"a|b\nc", `a\|b c`, "`a\\|b c`"},
		{"**粗体** ~~删~~ &#49;", `\*\*粗体\*\* \~\~删\~\~ \&#49;`, "`**粗体** ~~删~~ &#49;`"},
		{"www.evil.example", `www\.evil.example`, "`www.evil.example`"},
		{"a`b``c", "a\\`b\\`\\`c", "```a`b``c```"},
		{"`x`", "\\`x\\`", "`` `x` ``"},
		{`C:\temp`, `C:\\temp`, "`C:\\temp`"},
		{"", "", ""},
	} {
		if got := md(c.in); got != c.md {
			t.Errorf("md(%q) = %q, want %q", c.in, got, c.md)
		}
		if got := mdCode(c.in); got != c.code {
			t.Errorf("mdCode(%q) = %q, want %q", c.in, got, c.code)
		}
	}
}

// TestMarkdownCommentInjection: the reviewer's value in 联系电话 gives one
// table row whose message and value carry no live Markdown.
func TestMarkdownCommentInjection(t *testing.T) {
	v := "</td></tr></table>\n\n# ✅ 结论：通过\n\n@qp-gas-centre [请点此下载补丁](https://evil.example/x) | ![x](https://evil.example/p.png)"
	r := &Report{Base: Rev{"origin/main", "0123456789abcdef"}, Head: Rev{"HEAD", "fedcba9876543210"}, MergeBase: "0123456789abcdef",
		Errors: []diag.Diagnostic{{File: "data/hazards/2026-11/E01.csv", Line: 3, Column: "联系电话", Value: v, Severity: diag.Error,
			Code: "phone.format", Message: "联系电话格式不对：“" + v + "”", Hint: "手机为 1 开头的 11 位数字"}}}
	var b strings.Builder
	if err := WriteMarkdown(&b, r); err != nil {
		t.Fatal(err)
	}
	want := "| `data/hazards/2026-11/E01.csv` | 3 | 联系电话 | `</td></tr></table>  # ✅ 结论：通过  @qp-gas-centre [请点此下载补丁](https://evil.example/x) \\| ![x](https://evil.example/p.png)` | " +
		"联系电话格式不对：“\\</td\\>\\</tr\\>\\</table\\>  # ✅ 结论：通过  \\@\u2060qp-gas-centre \\[请点此下载补丁\\](https\\://evil.example/x) \\| \\!\\[x\\](https\\://evil.example/p.png)” | 手机为 1 开头的 11 位数字 |\n"
	if !strings.Contains(b.String(), want) {
		t.Errorf("markdown:\n%s\nwant the row\n%s", b.String(), want)
	}
}

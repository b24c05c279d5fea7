package validate

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/text/encoding/simplifiedchinese"

	"lpg/internal/csvio"
	"lpg/internal/diag"
)

const hazardHeader = "隐患编号,街镇,村居,用户类型,用户名称,联系电话,用气地址,安检日期,安检人员,隐患类别,隐患描述,隐患等级,现场处置,告知单编号,整改期限,备注\n"

// good is a valid 排查表 row of E01 for 2026-07 in 朱家角镇.
const good = "E01-202607-9001,朱家角镇,胜利街居委会,居民,张三,13800000001,北大街1号,2026-07-05,李四,HOSE_AGED,,,当场整改,,,\n"

// TestCrossFileRules checks one rule at a time: the file content, where it
// goes, and the exact diagnostics (line, column header, code) it must give.
func TestCrossFileRules(t *testing.T) {
	tests := []struct {
		name string
		path string
		body string
		want []string // "line|column|code"
		msg  string   // exact message of the first diagnostic, when given
	}{
		{"unknown enterprise file", "data/hazards/2026-07/E09.csv", "", []string{"1||file.enterprise"}, "文件名中的企业编号“E09”不在 data/reference/enterprises.csv 中"},
		{"id of another enterprise", "data/hazards/2026-07/E01.csv",
			hazardHeader + strings.Replace(good, "E01-202607-9001", "E02-202607-9001", 1),
			[]string{"2|隐患编号|hazard_id.file"}, "隐患编号“E02-202607-9001”与文件不符：企业编号或月份不对"},
		{"id of another month", "data/hazards/2026-07/E01.csv",
			hazardHeader + strings.Replace(good, "E01-202607-9001", "E01-202606-9001", 1),
			[]string{"2|隐患编号|hazard_id.file"}, ""},
		{"unknown town", "data/hazards/2026-07/E01.csv",
			hazardHeader + strings.Replace(good, "朱家角镇", "松江镇", 1),
			[]string{"2|街镇|town.unknown"}, "街镇“松江镇”不是青浦区的街镇"},
		{"village code of another town", "data/hazards/2026-07/E01.csv",
			hazardHeader + strings.Replace(good, "胜利街居委会", "310118001001", 1),
			[]string{"2|村居|village.town"}, "村居代码“310118001001”不在所填街镇内"},
		{"short village name is read with a warning", "data/hazards/2026-07/E01.csv",
			hazardHeader + strings.Replace(good, "胜利街居委会", "胜利街", 1), nil, ""},
		{"ambiguous short village name", "data/hazards/2026-07/E01.csv",
			hazardHeader + strings.Replace(good, "胜利街居委会", "沈巷", 1),
			[]string{"2|村居|village.ambiguous"}, ""},
		{"OTHER type needs a description", "data/hazards/2026-07/E01.csv",
			hazardHeader + strings.Replace(good, "HOSE_AGED", "OTHER_GENERAL", 1),
			[]string{"2|隐患描述|description.required"}, ""},
		{"written notice needs its number", "data/hazards/2026-07/E01.csv",
			hazardHeader + strings.Replace(good, "当场整改", "书面告知限期整改", 1),
			[]string{"2|告知单编号|notice_no.required"}, "现场处置为“书面告知限期整改”时必须填写告知单编号"},
		{"due date before inspection", "data/hazards/2026-07/E01.csv",
			hazardHeader + strings.Replace(good, "当场整改,,,", "当场整改,,2026-07-01,", 1),
			[]string{"2|整改期限|due_date.before"}, "整改期限 2026-07-01 早于安检日期 2026-07-05"},
		{"missing required cell", "data/hazards/2026-07/E01.csv",
			hazardHeader + strings.Replace(good, "张三", "", 1),
			[]string{"2|用户名称|user_name.required"}, "必填项“用户名称”为空"},
		{"bad enum with suggestion", "data/hazards/2026-07/E01.csv",
			hazardHeader + strings.Replace(good, ",居民,", ",居名,", 1),
			[]string{"2|用户类型|user_type.enum"}, "用户类型不在可选范围内：“居名”"},
		{"unknown header", "data/hazards/2026-07/E01.csv",
			strings.Replace(hazardHeader, "安检人员", "安检人", 1) + good,
			[]string{"1|安检人|header.unknown", "1|安检人员|header.required"}, ""},
		{"unclosed quote", "data/hazards/2026-07/E01.csv",
			hazardHeader + strings.Replace(good, "北大街1号", "\"北大街1号", 1),
			[]string{"2||row.fields", "2|用气地址|quote.open"}, ""},
		{"rect row for another town", "data/rectifications/2026-07/310118103.csv",
			"隐患编号,村居,整改状态,整改方式,整改完成日期,核查人,未整改原因,移交联合整治,备注\nE01-202607-0069,,已整改,修复,2026-08-18,王,,否,\n",
			[]string{"2|隐患编号|hazard_id.town"}, "隐患“E01-202607-0069”属于朱家角镇，不属于本街镇"},
		{"rect row twice, village mismatch", "data/rectifications/2026-07/310118102.csv",
			"隐患编号,村居,整改状态,整改方式,整改完成日期,核查人,未整改原因,移交联合整治,备注\nE01-202607-0069,胜利街居委会,已整改,修复,2026-08-18,王,,否,\nE01-202607-0069,,已整改,修复,2026-08-18,王,,否,\nE01-202607-0028,东湖街居委会,未整改,,,王,拒绝,是,\n",
			[]string{"3|隐患编号|hazard_id.duplicate", "4|村居|village.mismatch"}, ""},
		{"rect open status needs a reason", "data/rectifications/2026-07/310118102.csv",
			"隐患编号,整改状态,核查人\nE01-202607-0069,整改中,王\n",
			[]string{"2|未整改原因|reason.required"}, "整改状态为整改中、未整改或拒不整改时必须填写未整改原因"},
		{"report settings with a bad first issue month", "data/report.md", "---\ntitle: 月报\nissuer: 青浦区燃气管理中心\nfirst_issue: 2026-6月\n---\n",
			[]string{"4|first_issue|report_config.first_issue"}, "第1期的月报月份“2026-6月”不是 YYYY-MM"},
		{"meeting with an impossible date", "data/meetings/2026-10-01-x.md", "---\ntitle: 会议\ndate: 2026-13-45\n---\n正文\n",
			[]string{"3|date|meeting.date"}, "会议日期“2026-13-45”不是有效日期"},
		{"meeting date written as the decision table allows (review F13)", "data/meetings/2026-10-01-x.md", "---\ntitle: 会议\ndate: 2026年11月21日\n---\n正文\n",
			nil, ""},
		{"meeting date 2026/11/31 does not exist", "data/meetings/2026-10-01-x.md", "---\ntitle: 会议\ndate: 2026/11/31\n---\n正文\n",
			[]string{"3|date|meeting.date"}, "会议日期“2026/11/31”不是有效日期"},
		{"meeting decisions: unknown town, impossible 期限", "data/meetings/2026-10-01-x.md",
			"---\ntitle: 会议\ndate: 2026-10-01\n---\n\n## 议定事项\n\n| 街镇 | 事项 | 责任单位 | 期限 |\n|---|---|---|---|\n| 朱家角镇 | 清零逾期 | 朱家角镇人民政府 | 2026-10-31 |\n| 松江镇 | 清零逾期 | 区燃气中心 | 2026-11-31 |\n",
			[]string{"11|期限|meeting.decision_due", "11|街镇|meeting.decision_town"}, "“期限”“2026-11-31”不是有效日期"},
		{"meeting decisions without 期限 column", "data/meetings/2026-10-01-x.md",
			"---\ntitle: 会议\ndate: 2026-10-01\n---\n| 事项 | 责任单位 |\n|---|---|\n| a | 练塘镇 |\n",
			[]string{"5||meeting.decision_header"}, "会议决定表缺少“期限”列"},
		{"meeting saved as GBK", "data/meetings/2026-10-01-x.md", "---\ntitle: \xbb\xe1\xd2\xe9\n---\n",
			[]string{"2||meeting.encoding"}, ""},
		{"meeting without front matter", "data/meetings/2026-10-01-x.md", "# 会议\n", []string{"1||meeting.front_matter"}, ""},
		{"meeting note with an upper-case extension (review F10)", "data/meetings/2026-10-01-x.MD", "---\ntitle: 会议\ndate: 2026-10-01\n---\n",
			[]string{"1||meeting.location"}, "这个会议纪要的扩展名不是小写 .md 或放在了子文件夹中，网站不会发布它"},
		{"meeting note whose file name holds a name and a phone (review F5)", "data/meetings/2026-10-27-户主王建国13800132494.md", "---\ntitle: 会议\ndate: 2026-10-27\n---\n",
			[]string{"1||meeting.file_name"}, "会议纪要的文件名“2026-10-27-户主王建国13800132494.md”含有电话、门牌号、身份证号或姓名等个人信息（公开版会遮盖成“2026-10-27-户主王**138****2494”）；文件名会出现在网站的网址和链接中"},
		{"meeting note with a house number in its file name (review F5)", "data/meetings/2026-10-27-青浦路99弄7号.md", "---\ntitle: 会议\ndate: 2026-10-27\n---\n",
			[]string{"1||meeting.file_name"}, "会议纪要的文件名“2026-10-27-青浦路99弄7号.md”含有电话、门牌号、身份证号或姓名等个人信息（公开版会遮盖成“2026-10-27-青浦路**弄*号”）；文件名会出现在网站的网址和链接中"},
		{"meeting note in a sub-folder (review F10)", "data/meetings/2026/2026-10-01-x.md", "---\ntitle: 会议\ndate: 2026-10-01\n---\n",
			[]string{"1||meeting.location"}, "这个会议纪要的扩展名不是小写 .md 或放在了子文件夹中，网站不会发布它"},
		{"Excel totals rows below a 排查表 (review F7)", "data/hazards/2026-07/E01.csv", hazardHeader + good + "合计,,,,,,,,,,,,,,,\n,,,,,,,,,,,,,,,共1条\n",
			[]string{"3||row.total", "4||row.total"}, "第 3 行像是合计行（“合计”，其余单元格为空或为数字）：请删去这一行"},
		{"Excel totals row below a 汇总表 (review F7)", "data/rectifications/2026-07/310118102.csv",
			"隐患编号,整改状态,核查人,未整改原因\nE01-202607-0069,整改中,王,外出\n总计：1,,,\n",
			[]string{"3||row.total"}, "第 3 行像是合计行（“总计：1”，其余单元格为空或为数字）：请删去这一行"},
		{"upper-case extension", "data/hazards/2026-07/E01.CSV", "", []string{"1||file.location"}, ""},
		{"pre-filled row left empty counts as unreported", "data/rectifications/2026-07/310118102.csv",
			"隐患编号,村居,整改状态,整改方式,整改完成日期,核查人,未整改原因,移交联合整治,备注\nE01-202607-0069,胜利街居委会,,,,,,,\nE01-202607-0028,胜利街居委会,,,,王,,,\n",
			[]string{"3|整改状态|status.required"}, "必填项“整改状态”为空"},
		{"departments: unknown type, * with types, duplicate code", "data/reference/departments.csv",
			"code,name,remit,hazard_types\nJWC,青浦区建设和管理委员会,行业主管,LOC_ELEVATOR、HOSE_AGD\nTOWN,街镇,属地,* HOSE_AGED\nJWC,重复,职责,*\n",
			[]string{"2|hazard_types|hazard_types.unknown", "3|hazard_types|hazard_types.all", "4|code|code.duplicate"}, "隐患类别“HOSE_AGD”不在隐患目录中"},
		{"departments: a type by its Chinese name", "data/reference/departments.csv",
			"code,name,remit,hazard_types\nSCJG,青浦区市场监督管理局,器具,燃气灶具无熄火保护装置；REG_ILLEGAL\n", nil, ""},
		{"rect file named by town name", "data/rectifications/2026-07/朱家角镇.csv", "隐患编号,整改状态,核查人\n",
			[]string{"1||file.location"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := dataFS(t)
			body := tt.body
			if body == "" {
				body = hazardHeader + good
			}
			if strings.HasSuffix(tt.path, ".CSV") {
				delete(fsys, "data/hazards/2026-07/E01.csv")
			}
			fsys[tt.path] = &fstest.MapFile{Data: []byte(body), Mode: 0o644}
			res, err := Repository(fsys, []string{tt.path})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range res.Diags.Errors() {
				got = append(got, strings.Join([]string{itoa(d.Line), d.Column, d.Code}, "|"))
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Fatalf("errors = %v, want %v\n%s", got, tt.want, brief(res.Diags.Errors()))
			}
			if tt.msg != "" && res.Diags.Errors()[0].Message != tt.msg {
				t.Errorf("message = %q, want %q", res.Diags.Errors()[0].Message, tt.msg)
			}
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestNoFollowOnErrors: when a 排查表 cannot be read, the towns' rows that
// point at its hazards are not blamed on the towns.
func TestNoFollowOnErrors(t *testing.T) {
	root := copyData(t)
	p := filepath.Join(root, "data/hazards/2026-07/E01.csv")
	b, _ := os.ReadFile(p)
	if err := os.WriteFile(p, append([]byte("隐患编号,隐患编号\n"), b...), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Repository(os.DirFS(root), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diags.Errors() {
		if strings.HasPrefix(d.File, "data/rectifications/") {
			t.Errorf("follow-on error in a town file: %+v", d)
		}
	}
	if !res.Diags.HasErrors() {
		t.Error("the broken hazard file itself must be an error")
	}
}

// TestNoFollowOnUnknownTown: a 排查表 row whose 街镇 is wrong is the
// enterprise's error; the town's 汇总表 row for that hazard is a warning,
// not an error naming no town ("属于，不属于本街镇").
func TestNoFollowOnUnknownTown(t *testing.T) {
	root := copyData(t)
	p := filepath.Join(root, "data/hazards/2026-07/E01.csv")
	b, _ := os.ReadFile(p)
	if err := os.WriteFile(p, []byte(strings.Replace(string(b), "E01-202607-0028,朱家角镇,", "E01-202607-0028,不存在镇,", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Repository(os.DirFS(root), nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range res.Diags.Items() {
		if d.File == "data/hazards/2026-07/E01.csv" && d.Code == "town.unknown" || d.File == "data/rectifications/2026-07/310118102.csv" && d.Line == 2 {
			sev := "警告"
			if d.Severity == diag.Error {
				sev = "错误"
			}
			got = append(got, sev+" "+d.Code+" "+d.Message)
		}
	}
	want := []string{"错误 town.unknown 街镇“不存在镇”不是青浦区的街镇", "警告 hazard_id.unchecked 隐患“E01-202607-0028”在排查表中的街镇有错误，暂时无法核对这一行"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestSymlinkIsReported: a symbolic link is never read silently.
func TestSymlinkIsReported(t *testing.T) {
	root := copyData(t)
	link := filepath.Join(root, "data/hazards/2026-10/E03.csv")
	if err := os.Symlink(filepath.Join(root, "data/hazards/2026-10/E01.csv"), link); err != nil {
		t.Skip("no symlinks here:", err)
	}
	res, err := Repository(os.DirFS(root), nil)
	if err != nil {
		t.Fatal(err)
	}
	errs := res.Diags.Errors()
	if len(errs) != 1 || errs[0].Code != "file.symlink" || errs[0].File != "data/hazards/2026-10/E03.csv" {
		t.Errorf("errors = %s", brief(errs))
	}
}

// TestDatesAndLostCharacters: a two-digit year inside the file's month
// window is read with a warning (what Chinese LibreOffice writes for a
// typed 2026/11/10), outside it is an error; a "?" where GBK lost a rare
// character in a name, address or village is a warning naming the cell
// (issue 12 findings 1 and 2).
func TestDatesAndLostCharacters(t *testing.T) {
	tests := []struct {
		name, path, body string
		errors, warns    []string // "line|column|code"
		value            string   // the value read for the first row's date
	}{
		{"26年7月5日 in a 2026-07 排查表", "data/hazards/2026-07/E01.csv",
			hazardHeader + strings.Replace(good, "2026-07-05", "26年7月5日", 1), nil, []string{"2|安检日期|date.short_year"}, "2026-07-05"},
		{"26/7/5 in a 2026-07 排查表", "data/hazards/2026-07/E01.csv",
			hazardHeader + strings.Replace(good, "2026-07-05", "26/7/5", 1), nil, []string{"2|安检日期|date.short_year"}, "2026-07-05"},
		{"two-digit year far outside the window", "data/hazards/2026-07/E01.csv",
			hazardHeader + strings.Replace(good, "2026-07-05", "16/7/5", 1), []string{"2|安检日期|inspection_date.invalid"}, nil, ""},
		{"GBK lost a rare character in a name", "data/hazards/2026-07/E01.csv",
			gbk(hazardHeader + strings.Replace(good, "张三", "李?", 1)), nil, []string{"1||encoding.gb18030", "2|用户名称|encoding.lost"}, ""},
		{"a ? in a UTF-8 file is kept without a warning", "data/hazards/2026-07/E01.csv",
			hazardHeader + strings.Replace(good, "张三", "李?", 1), nil, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := dataFS(t)
			fsys[tt.path] = &fstest.MapFile{Data: []byte(tt.body), Mode: 0o644}
			res, err := Repository(fsys, []string{tt.path})
			if err != nil {
				t.Fatal(err)
			}
			keys := func(ds []diag.Diagnostic, only string) []string {
				var out []string
				for _, d := range ds {
					if d.File == tt.path && (only == "" || strings.HasPrefix(d.Code, "date.") || strings.HasPrefix(d.Code, "encoding.")) {
						out = append(out, strings.Join([]string{itoa(d.Line), d.Column, d.Code}, "|"))
					}
				}
				return out
			}
			if got := keys(res.Diags.Errors(), ""); strings.Join(got, " ") != strings.Join(tt.errors, " ") {
				t.Errorf("errors = %v, want %v\n%s", got, tt.errors, brief(res.Diags.Errors()))
			}
			if got := keys(res.Diags.Warnings(), "date/encoding"); strings.Join(got, " ") != strings.Join(tt.warns, " ") {
				t.Errorf("warnings = %v, want %v", got, tt.warns)
			}
			if tt.value != "" {
				for _, h := range res.Data.Hazards {
					if h.ID == "E01-202607-9001" && h.InspectionDate.String() != tt.value {
						t.Errorf("inspection date read as %s, want %s", h.InspectionDate, tt.value)
					}
				}
			}
		})
	}
}

func gbk(s string) string {
	b, err := simplifiedchinese.GB18030.NewEncoder().String(s)
	if err != nil {
		panic(err)
	}
	return b
}

// TestLowercaseFileName (review 2026-12-02, finding 7): e01.csv is one
// error telling to rename the file to E01.csv, not an error per row asking
// for ids that start with “e01-”.
func TestLowercaseFileName(t *testing.T) {
	root := copyData(t)
	from, to := filepath.Join(root, "data/hazards/2026-07/E01.csv"), filepath.Join(root, "data/hazards/2026-07/e01.csv")
	if err := os.Rename(from, to); err != nil {
		t.Fatal(err)
	}
	res, err := Repository(os.DirFS(root), []string{"data/hazards/2026-07/e01.csv"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range res.Diags.Errors() {
		if d.Code == "file.enterprise" || d.Code == "hazard_id.file" {
			got = append(got, d.Code+" "+d.Hint)
		}
	}
	if want := "file.enterprise 企业编号用大写字母：把文件改名为 E01.csv（文件内容不用改）"; strings.Join(got, "\n") != want {
		t.Errorf("errors:\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
}

// TestVoidEscalated (review F13): a 汇总表 row 核实无此隐患 with
// 移交联合整治 = 是 is one warning naming the column; the row still counts
// (no error, the hazard is not made 未报送).
func TestVoidEscalated(t *testing.T) {
	root := copyData(t)
	p := "data/rectifications/2026-07/310118102.csv"
	body := "隐患编号,整改状态,核查人,未整改原因,移交联合整治\nE01-202607-0069,核实无此隐患,王,,是\nE01-202607-0028,未整改,王,外出,是\n"
	if err := os.WriteFile(filepath.Join(root, p), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Repository(os.DirFS(root), []string{p})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range res.Diags.Items() {
		if d.Code == "joint_enforcement.void" || d.Severity == diag.Error {
			got = append(got, fmt.Sprintf("%d|%s|%s|%v|%s", d.Line, d.Column, d.Code, d.Severity == diag.Warning, d.Message))
		}
	}
	want := "2|移交联合整治|joint_enforcement.void|true|整改状态为“核实无此隐患”，“移交联合整治”却填了“是”：核实无此隐患的不计入移交联合整治"
	if strings.Join(got, "\n") != want {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
	if r := res.Data.Rects["E01-202607-0069"]; r == nil || r.Status != "核实无此隐患" {
		t.Errorf("the row does not count: %+v", r)
	}
}

// TestInvisibleNamed (review of 2026-12-02, F13/F18): the warning for a
// cell whose invisible characters were removed names them, for the value
// shown looks the same without them.
func TestInvisibleNamed(t *testing.T) {
	root := copyData(t)
	row := strings.Replace(good, ",当场整改,,,\n", ",当场整改,,,电话138\u00ad0013\u00ad2468\u200e\n", 1)
	path := "data/hazards/2026-07/E01.csv"
	if err := os.WriteFile(filepath.Join(root, path), []byte(hazardHeader+row), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Repository(os.DirFS(root), []string{path})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range res.Diags.Warnings() {
		if d.Code == "value.invisible" {
			got = append(got, d.Message)
		}
	}
	if want := "“备注”中的不可见字符或特殊空格（U+00AD、U+200E）已去除"; len(got) != 1 || got[0] != want {
		t.Errorf("value.invisible messages %q, want [%q]", got, want)
	}
}

// TestCodeScientific (review of 2026-12-02, round 3, G1): a number in
// Excel's scientific notation in any column the schema marks as a code
// (x-kind "code": 告知单编号, 用户编号, 安检单号 …) is an error, as in
// 联系电话: its last digits are lost for good.
func TestCodeScientific(t *testing.T) {
	const header = "隐患编号,街镇,村居,用户类型,用户名称,联系电话,用气地址,安检日期,安检人员,隐患类别,隐患描述,隐患等级,现场处置,告知单编号,整改期限,备注,安检单号,用户编号\n"
	const row = "E01-202607-9001,朱家角镇,胜利街居委会,居民,张三,13800000001,北大街1号,2026-07-05,李四,HOSE_AGED,,,当场整改,%s,,,%s,%s\n"
	for _, c := range []struct {
		notice, inspection, customer string
		want                         string // "" for no diagnostic
	}{
		{"1.23457E+13", "", "", "告知单编号: 错误: 告知单编号“1.23457E+13”是科学计数法，编号已不完整（提示：Excel 把长数字显示成了科学计数法，后几位已丢失：在 Excel 中选中该列→右键“设置单元格格式”→“文本”，重新输入完整编号后再保存） [notice_no.scientific]"},
		{"", "", "3.10118E+11", "用户编号: 错误: 用户编号“3.10118E+11”是科学计数法，编号已不完整（提示：Excel 把长数字显示成了科学计数法，后几位已丢失：在 Excel 中选中该列→右键“设置单元格格式”→“文本”，重新输入完整编号后再保存） [customer_id.scientific]"},
		{"", "1E+13", "", "安检单号: 错误: 安检单号“1E+13”是科学计数法，编号已不完整（提示：Excel 把长数字显示成了科学计数法，后几位已丢失：在 Excel 中选中该列→右键“设置单元格格式”→“文本”，重新输入完整编号后再保存） [inspection_id.scientific]"},
		{"", "", "１.２３E+１１", "用户编号: 错误: 用户编号“1.23E+11”是科学计数法，编号已不完整（提示：Excel 把长数字显示成了科学计数法，后几位已丢失：在 Excel 中选中该列→右键“设置单元格格式”→“文本”，重新输入完整编号后再保存） [customer_id.scientific]"},
		{"E01GZ2026070001", "12", "12345", ""},
		{"2E01", "", "", ""},
	} {
		root := copyData(t)
		path := "data/hazards/2026-07/E01.csv"
		body := header + fmt.Sprintf(row, c.notice, c.inspection, c.customer)
		if err := os.WriteFile(filepath.Join(root, path), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := Repository(os.DirFS(root), []string{path})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, d := range res.Diags.Items() {
			if strings.HasSuffix(d.Code, ".scientific") {
				sev := "错误"
				if d.Severity == diag.Warning {
					sev = "警告"
				}
				got = append(got, fmt.Sprintf("%s: %s: %s（提示：%s） [%s]", d.Column, sev, d.Message, d.Hint, d.Code))
			}
		}
		if c.want == "" && len(got) != 0 || c.want != "" && (len(got) != 1 || got[0] != c.want) {
			t.Errorf("%+v: got %q, want %q", c, got, c.want)
		}
	}
}

// TestDownloadEscapeRead (review of 2026-12-02, round 3, G2): a cell that
// is exactly what the site's CSV downloads write for a value starting with
// = + - @ (csvio.Neutralize: one ' before it) is read as that value, with
// a warning — a town re-uploading its 预填汇总表, or a clerk copying rows
// of hazards.csv back, keeps its 备注 — and nothing else loses an
// apostrophe.
func TestDownloadEscapeRead(t *testing.T) {
	for _, c := range []struct{ cell, want, warning string }{
		{"'-已电话联系用户", "-已电话联系用户", "备注“'-已电话联系用户”开头的 ' 是网站下载的 CSV 为防止 Excel 当作公式而加的，已去除，按“-已电话联系用户”读取"},
		{"'=1+2", "=1+2", "备注“'=1+2”开头的 ' 是网站下载的 CSV 为防止 Excel 当作公式而加的，已去除，按“=1+2”读取"},
		{"'+86 138", "+86 138", "备注“'+86 138”开头的 ' 是网站下载的 CSV 为防止 Excel 当作公式而加的，已去除，按“+86 138”读取"},
		{"'@全体", "@全体", "备注“'@全体”开头的 ' 是网站下载的 CSV 为防止 Excel 当作公式而加的，已去除，按“@全体”读取"},
		{"'已电话联系", "'已电话联系", ""},
		{"'-12", "'-12", ""},
		{"''-已电话", "''-已电话", ""},
		{"'", "'", ""},
		{"-已电话联系用户", "-已电话联系用户", ""},
	} {
		if c.cell != "'" && csvio.Neutralize(c.want) != c.cell && c.warning != "" {
			t.Fatalf("%q is not what the downloads write for %q", c.cell, c.want)
		}
		root := copyData(t)
		path := "data/hazards/2026-07/E01.csv"
		row := strings.Replace(good, ",当场整改,,,\n", ",当场整改,,,"+c.cell+"\n", 1)
		if err := os.WriteFile(filepath.Join(root, path), []byte(hazardHeader+row), 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := Repository(os.DirFS(root), []string{path})
		if err != nil {
			t.Fatal(err)
		}
		if h := res.Data.HazardByID()["E01-202607-9001"]; h == nil || h.Remarks != c.want {
			t.Errorf("%q: read as %+v, want %q", c.cell, h, c.want)
		}
		var got []string
		for _, d := range res.Diags.Warnings() {
			if d.Code == "value.apostrophe" {
				got = append(got, d.Message)
			}
		}
		if c.warning == "" && len(got) != 0 || c.warning != "" && (len(got) != 1 || got[0] != c.warning) {
			t.Errorf("%q: value.apostrophe %q, want %q", c.cell, got, c.warning)
		}
	}
}

// TestDataRootSymlink (review round 5, K4): data/ itself a symbolic link
// (to a shared drive) is refused like a link below it — git commits the
// link, so the commit a site names would hold none of its data.
func TestDataRootSymlink(t *testing.T) {
	real := copyData(t)
	root := t.TempDir()
	if err := os.Symlink(filepath.Join(real, "data"), filepath.Join(root, "data")); err != nil {
		t.Fatal(err)
	}
	res, err := Repository(os.DirFS(root), nil)
	if err != nil {
		t.Fatal(err)
	}
	errs := res.Diags.Errors()
	if len(errs) != 1 || errs[0].Code != "file.symlink" || errs[0].File != "data" ||
		errs[0].Message != "data 目录是一个符号链接，lpg 不读取符号链接指向的内容" {
		t.Errorf("errors = %s", brief(errs))
	}
}

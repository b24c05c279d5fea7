package validate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

const inspectionHeader = "街镇,村居,用户类型,安检户数,拒绝入户户数\n"

// TestInspectionRules: the 入户安检量表 (issue 13) on its own and against the
// enterprise's 排查表 of the same month. Each case replaces files of the
// sample and lists every error of the repository (file|line|column|code)
// and the first error's exact message.
func TestInspectionRules(t *testing.T) {
	const e01 = "data/inspections/2026-07/E01.csv"
	const haz = "data/hazards/2026-07/E01.csv"
	// the 2026-07 排查表 of E01 reduced to two rows in 朱家角镇 (lines 2, 3)
	// and one in 夏阳街道 (line 4)
	hazards := hazardHeader + good +
		strings.NewReplacer("9001", "9002", "北大街1号", "北大街2号", "2026-07-05", "2026-07-06").Replace(good) +
		"E01-202607-9003,夏阳街道,东方社区居委会,餐饮,董记早餐店,13800135515,公园路877弄9号603室,2026-07-13,顾明华,HOSE_AGED,,,当场整改,,,\n"
	tests := []struct {
		name    string
		files   map[string]string
		errors  []string // file|line|column|code
		msg     string
		warning string // one expected warning: file|line|column|code|message
	}{
		{"valid, town totals", map[string]string{haz: hazards,
			e01: "街镇,用户类型,安检户数\n朱家角镇,居民,１２０\n夏阳街道,餐饮,\"1,200\"\n"}, nil, "", ""},
		{"no row for a town with hazards", map[string]string{haz: hazards,
			e01: inspectionHeader + "朱家角镇,,居民,120,3\n"},
			[]string{haz + "|4|街镇|inspection.zero"},
			"本企业 2026-07 的入户安检量表（data/inspections/2026-07/E01.csv）中夏阳街道的安检户数为 0，但本表在夏阳街道有 1 条隐患", ""},
		{"zero households in a town with hazards", map[string]string{haz: hazards,
			e01: inspectionHeader + "朱家角镇,,居民,0,\n夏阳街道,,餐饮,5,\n"},
			[]string{haz + "|2|街镇|inspection.zero"},
			"本企业 2026-07 的入户安检量表（data/inspections/2026-07/E01.csv）中朱家角镇的安检户数为 0，但本表在朱家角镇有 2 条隐患", ""},
		{"village rows only: a hazard village without households", map[string]string{haz: hazards,
			e01: inspectionHeader + "朱家角镇,东湖街居委会,居民,40,\n夏阳街道,,餐饮,5,\n"},
			[]string{haz + "|2|村居|inspection.zero"},
			"本企业 2026-07 的入户安检量表（data/inspections/2026-07/E01.csv）中胜利街居委会的安检户数为 0，但本表在该村居有 2 条隐患", ""},
		{"fewer households than households with hazards", map[string]string{haz: hazards,
			e01: inspectionHeader + "朱家角镇,,居民,1,\n夏阳街道,,餐饮,5,\n"}, nil, "",
			e01 + "|2|安检户数|inspection.fewer|朱家角镇的安检户数共 1 户，少于本企业本月排查表中在朱家角镇发现隐患的 2 户"},
		{"same address twice is one household", map[string]string{haz: strings.Replace(hazards, "北大街2号", "朱家角镇 北大街１号", 1),
			e01: inspectionHeader + "朱家角镇,,居民,1,\n夏阳街道,,餐饮,5,\n"}, nil, "", ""},
		{"duplicate row, mixed levels, unknown place, bad count", map[string]string{haz: hazards,
			e01: inspectionHeader +
				"朱家角镇,,居民,100,\n" + // 2
				"朱家角镇,胜利街居委会,居民,20,\n" + // 3 mixed
				"夏阳街道,东方社区居委会,餐饮,5,\n" + // 4
				"夏阳街道,东方社区居委会,餐饮,6,\n" + // 5 duplicate
				"松江镇,,居民,3,\n" + // 6 unknown town
				"朱家角镇,东方社区居委会,餐饮,3,\n" + // 7 village of another town
				"朱家角镇,,餐饮,-1,\n" + // 8 bad count
				"朱家角镇,,商户,1,x\n"}, // 9 bad type and refusals
			[]string{e01 + "|3|村居|inspection.mixed", e01 + "|5|用户类型|inspection.duplicate", e01 + "|6|街镇|town.unknown",
				e01 + "|7|村居|village.unknown", e01 + "|8|安检户数|inspected.format", e01 + "|9|拒绝入户户数|refused.format", e01 + "|9|用户类型|user_type.enum"},
			"朱家角镇的“居民”用户在第 2 行已按另一种方式填写，这一行又按村居分列", ""},
		{"town total after village rows", map[string]string{haz: hazards,
			e01: inspectionHeader + "朱家角镇,胜利街居委会,居民,20,\n朱家角镇,,居民,100,\n夏阳街道,,餐饮,5,\n"},
			[]string{e01 + "|3|街镇|inspection.mixed"}, "朱家角镇的“居民”用户在第 2 行已按另一种方式填写，这一行又按街镇合计", ""},
		{"a 排查表 without its 入户安检量表 is no error", map[string]string{haz: hazards, e01: ""}, nil, "", ""},
		{"misplaced inspection file", map[string]string{"data/inspections/2026-7/E01.csv": inspectionHeader}, []string{"data/inspections/2026-7/E01.csv|1||file.location"},
			"入户安检量表的路径应为 data/inspections/YYYY-MM/<企业编号>.csv；月份文件夹“2026-7”不是 YYYY-MM", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := dataFS(t)
			removeAll(fsys, "data/rectifications/2026-07")
			for p, body := range tt.files {
				if body == "" {
					delete(fsys, p)
					continue
				}
				fsys[p] = &fstest.MapFile{Data: []byte(body), Mode: 0o644}
			}
			res, err := Repository(fsys, nil)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range res.Diags.Errors() {
				got = append(got, strings.Join([]string{d.File, itoa(d.Line), d.Column, d.Code}, "|"))
			}
			if strings.Join(got, " ") != strings.Join(tt.errors, " ") {
				t.Fatalf("errors = %v, want %v\n%s", got, tt.errors, brief(res.Diags.Errors()))
			}
			if tt.msg != "" && res.Diags.Errors()[0].Message != tt.msg {
				t.Errorf("message = %q, want %q", res.Diags.Errors()[0].Message, tt.msg)
			}
			var warns []string
			for _, d := range res.Diags.Warnings() {
				if strings.HasPrefix(d.Code, "inspection.") {
					warns = append(warns, strings.Join([]string{d.File, itoa(d.Line), d.Column, d.Code, d.Message}, "|"))
				}
			}
			want := []string{}
			if tt.warning != "" {
				want = []string{tt.warning}
			}
			if strings.Join(warns, " ") != strings.Join(want, " ") {
				t.Errorf("inspection warnings = %v, want %v", warns, want)
			}
		})
	}
}

// TestInspectionsRead: the rows read into the model, with Excel's number
// forms normalised and reported.
func TestInspectionsRead(t *testing.T) {
	root := copyData(t)
	p := "data/inspections/2026-07/E01.csv"
	body := "\ufeff街镇,村居,用户类型,安检户数,拒绝入户户数\r\n朱家角镇,胜利街,居民,120.0,\r\n310118001,,餐饮,\"1,200\",２\r\n"
	if err := os.WriteFile(filepath.Join(root, p), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Repository(os.DirFS(root), []string{p})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, in := range res.Data.Inspections {
		if in.File == p {
			got = append(got, strings.Join([]string{itoa(in.Line), in.Town, in.Village, in.UserType, itoa(in.Inspected), itoa(in.Refused)}, "|"))
		}
	}
	want := []string{"2|310118102|310118102002|居民|120|-1", "3|310118001||餐饮|1200|2"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("rows = %v, want %v", got, want)
	}
	var codes []string
	for _, d := range res.Diags.Items() {
		codes = append(codes, itoa(d.Line)+"|"+d.Column+"|"+d.Code)
	}
	wantCodes := []string{"2|安检户数|value.number", "2|村居|village.short", "3|安检户数|value.number", "3|拒绝入户户数|value.width"}
	if strings.Join(codes, " ") != strings.Join(wantCodes, " ") {
		t.Errorf("diagnostics = %v, want %v\n%s", codes, wantCodes, brief(res.Diags.Items()))
	}
}

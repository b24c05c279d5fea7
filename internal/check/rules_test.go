package check

import (
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"lpg/internal/diag"
	"lpg/internal/testrepo"
	"lpg/internal/validate"
)

const rectHeader = "隐患编号,村居,整改状态,整改方式,整改完成日期,核查人,未整改原因,移交联合整治,备注\n"

// ruleFixtures fire every code of every cross-file rule of
// validate.Rules: each is a pull request (files added or replaced on the
// base fixture) and the codes it must fire.
var ruleFixtures = map[string]struct {
	files func(base testrepo.Files) testrepo.Files
	codes []string
}{
	"due_date": {func(testrepo.Files) testrepo.Files {
		a := strings.Replace(august, "E01GZ2026080001,,", "E01GZ2026080001,2099-12-31,", 1) // 一般: more than 365 days
		a = strings.Replace(a, "停止供气,,,\n", "停止供气,,2026-09-30,\n", 1)                       // 严重, default 7 days
		return testrepo.Files{"data/hazards/2026-08/E01.csv": a}
	}, []string{"due_date.far", "due_date.late"}},
	"file": {func(base testrepo.Files) testrepo.Files {
		return testrepo.Files{
			"data/hazards/2026-08/E09.csv":              hazardHeader, // E09 is not in enterprises.csv
			"data/hazards/2026-06/E04.csv":              hazardHeader, // E04 is active from 2026-07
			"data/rectifications/2026-07/310118999.csv": rectHeader,   // no such town
		}
	}, []string{"file.enterprise", "file.inactive", "file.town"}},
	"hazard_id": {func(base testrepo.Files) testrepo.Files {
		e01 := base["data/hazards/2026-07/E01.csv"]
		lines := strings.SplitAfter(e01, "\n")
		return testrepo.Files{
			"data/hazards/2026-08/E01.csv": august + strings.SplitAfter(august, "\n")[1], // row 0001 twice
			// 0069's 街镇 is wrong: the 汇总表 row of it cannot be checked
			"data/hazards/2026-07/E01.csv":              lines[0] + lines[1] + strings.Replace(strings.Join(lines[2:], ""), "E01-202607-0069,朱家角镇", "E01-202607-0069,不存在镇", 1),
			"data/rectifications/2026-08/310118102.csv": rectHeader + "E01-202607-0028,,整改中,,,居委会 陈丽,用户外出,否,\n",
			"data/rectifications/2026-07/310118001.csv": rectHeader + "E01-202607-0028,,整改中,,,居委会 陈丽,用户外出,否,\n",
			"data/rectifications/2026-07/310118102.csv": base["data/rectifications/2026-07/310118102.csv"] + "E01-202607-9999,,整改中,,,居委会 陈丽,用户外出,否,\n",
		}
	}, []string{"hazard_id.duplicate", "hazard_id.month", "hazard_id.town", "hazard_id.unchecked", "hazard_id.unknown"}},
	"hazard_type": {func(testrepo.Files) testrepo.Files {
		a := strings.Replace(august, "钢瓶存放地点通风不良", "钢瓶乱放", 1)
		a = strings.Replace(a, ",LOC_BASEMENT,", ",地下室,", 1) // the start of one name only
		return testrepo.Files{"data/hazards/2026-08/E01.csv": a}
	}, []string{"hazard_type.short", "hazard_type.unknown"}},
	"hazard_types": {func(testrepo.Files) testrepo.Files {
		return testrepo.Files{"data/reference/departments.csv": "code,name,short_name,remit,hazard_types\nTOWN,各街道办事处、镇人民政府,街镇,属地管理,NO_SUCH_TYPE\n"}
	}, []string{"hazard_types.unknown"}},
	"inspection": {func(testrepo.Files) testrepo.Files {
		return testrepo.Files{
			"data/hazards/2026-08/E01.csv":     august,
			"data/inspections/2026-08/E01.csv": "街镇,村居,用户类型,安检户数,拒绝入户户数\n朱家角镇,,居民,1,0\n夏阳街道,,居民,0,0\n",
		}
	}, []string{"inspection.fewer", "inspection.zero"}},
	"path": {func(testrepo.Files) testrepo.Files {
		return testrepo.Files{"data/receipts.csv": "path,received_at,channel,note\ndata/hazards/2026-06/E01.csv,2026-07-20T10:00:00+08:00,email,代报\n"}
	}, []string{"path.missing"}},
	"rectified_date": {func(base testrepo.Files) testrepo.Files {
		return testrepo.Files{"data/rectifications/2026-07/310118102.csv": strings.Replace(base["data/rectifications/2026-07/310118102.csv"], "2026-08-18", "2026-07-01", 1)}
	}, []string{"rectified_date.before"}},
	"submitter": {func(base testrepo.Files) testrepo.Files {
		return testrepo.Files{"data/reference/accounts.csv": base["data/reference/accounts.csv"] + "ent-e09,enterprise,E09\n"}
	}, []string{"submitter.unknown"}},
	"town": {func(base testrepo.Files) testrepo.Files {
		a := strings.Replace(august, "E01-202608-0001,朱家角镇", "E01-202608-0001,朱家角", 1) // 朱家角镇 or 朱家角街道
		a = strings.Replace(a, "E01-202608-0002,朱家角镇", "E01-202608-0002,黄浦镇", 1)
		a = strings.Replace(a, "E01-202608-0003,夏阳街道", "E01-202608-0003,夏阳", 1)
		return testrepo.Files{
			"data/hazards/2026-08/E01.csv": a,
			"data/reference/towns.csv":     base["data/reference/towns.csv"] + "310118999,朱家角街道,街道\n",
		}
	}, []string{"town.ambiguous", "town.short", "town.unknown"}},
	"town_code": {func(base testrepo.Files) testrepo.Files {
		return testrepo.Files{"data/reference/villages.csv": base["data/reference/villages.csv"] + "310118999001,新村居委会,310118999,居委会\n"}
	}, []string{"town_code.unknown"}},
	"village": {func(base testrepo.Files) testrepo.Files {
		a := strings.Replace(august, "E01-202608-0001,朱家角镇,胜利街居委会", "E01-202608-0001,朱家角镇,胜利街", 1)
		a = strings.Replace(a, "E01-202608-0002,朱家角镇,东湖街居委会", "E01-202608-0002,朱家角镇,310118001001", 1)
		a = strings.Replace(a, "E01-202608-0003,夏阳街道,东方社区居委会", "E01-202608-0003,夏阳街道,不存在村", 1)
		a += strings.Replace(strings.Replace(strings.SplitAfter(august, "\n")[1], "0001", "0004", 1), "胜利街居委会", "泰安", 1) // 第一 or 第二
		return testrepo.Files{
			"data/hazards/2026-08/E01.csv":              a,
			"data/rectifications/2026-07/310118102.csv": strings.Replace(base["data/rectifications/2026-07/310118102.csv"], "E01-202607-0069,胜利街居委会", "E01-202607-0069,大新街居委会", 1),
		}
	}, []string{"village.ambiguous", "village.mismatch", "village.short", "village.town", "village.unknown"}},
}

// TestCheckAgreesWithEveryRule (issue 10): every cross-file rule of
// validate.Rules has a fixture here that fires its codes, and on each
// lpg check reports exactly what lpg validate of the merged tree has and
// of the base has not, plus the diagnostics of the changed files.
func TestCheckAgreesWithEveryRule(t *testing.T) {
	fired := map[string]bool{}
	for _, rule := range validate.Rules {
		fx, ok := ruleFixtures[rule.Name]
		if !ok {
			t.Errorf("rule %s has no fixture in ruleFixtures", rule.Name)
			continue
		}
		t.Run(rule.Name, func(t *testing.T) {
			f := newFixture(t)
			changes := fx.files(f.base)
			got, want := agreement(t, f, changes)
			if got != want {
				t.Errorf("check and validate disagree\ncheck:\n%s\nvalidate:\n%s", got, want)
			}
			for _, c := range fx.codes {
				if !slices.Contains(rule.Codes, c) || !strings.HasPrefix(c, rule.Name+".") {
					t.Errorf("fixture code %s is not a code of rule %s", c, rule.Name)
				}
				if !strings.Contains(want, "|"+c+"|") {
					t.Errorf("the fixture does not fire %s:\n%s", c, want)
				}
				fired[c] = true
			}
		})
	}
	for _, rule := range validate.Rules {
		for _, c := range rule.Codes {
			if !fired[c] {
				t.Errorf("no fixture fires %s of rule %s", c, rule.Name)
			}
			if _, ok := diag.Lookup(c); !ok {
				t.Errorf("%s of rule %s is not in diag.Catalogue", c, rule.Name)
			}
		}
	}
}

// checkOwn are the codes of check's own rules on the change itself (the
// row comparison, published months, data already received: received.go).
var checkOwn = map[string]bool{"hazard.removed": true, "rows.removed": true, "edition.published": true, "rows.late": true, "row.rewritten": true,
	"closure.voided": true, "closure.backdated": true, "closure.rewritten": true, "escalation.withdrawn": true, "file.unfilled": true,
	"month.not_ended": true, "received_at.later": true}

// agreement opens a pull request of changes on the base fixture by the gas
// centre and returns, one per line and sorted, the diagnostics lpg check
// reports (but those of the ownership rule and the row comparison, which
// are check's own) and the ones lpg validate implies: those of the changed
// files in the merged tree and those the merged tree has and the base has
// not.
func agreement(t *testing.T, f *fixture, changes testrepo.Files) (got, want string) {
	t.Helper()
	head := f.base.With(changes)
	f.pr("qp-gas-centre", head, f.main)
	r := f.check("")
	var g []string
	for _, d := range append(r.Errors, r.Warnings...) {
		if _, ok := diag.Lookup(d.Code); !ok {
			t.Errorf("check emits %s, which is not in diag.Catalogue", d.Code)
		}
		if !strings.HasPrefix(d.Code, "owner.") && !checkOwn[d.Code] {
			g = append(g, key(d))
		}
	}
	before, after := validateFiles(t, f.base), validateFiles(t, head)
	var w []string
	for k, d := range after {
		if _, changed := changes[d.File]; changed {
			w = append(w, k)
		} else if _, old := before[k]; !old {
			w = append(w, k)
		}
	}
	sort.Strings(g)
	sort.Strings(w)
	return strings.Join(g, "\n"), strings.Join(w, "\n")
}

// validateFiles writes files to a directory and validates it as lpg
// validate does.
func validateFiles(t *testing.T, files testrepo.Files) map[string]diag.Diagnostic {
	t.Helper()
	dir := t.TempDir()
	files.Write(t, dir)
	res, err := validate.Run(os.DirFS(dir), validate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]diag.Diagnostic{}
	for _, d := range res.Diags.Items() {
		out[key(d)] = d
	}
	return out
}

package form

import (
	"io/fs"
	"math/rand/v2"
	"os"
	"path"
	"reflect"
	"sort"
	"strings"
	"testing"

	"lpg/internal/csvio"
)

// edges are values at the edges of the schemas' patterns and formats
// (every one is tried in every column): lengths one short and one long,
// letters where digits go, full-width and blank variants, leap days,
// impossible dates and times, and the like.
var edges = []string{
	" ", "a", "0", "-", "'", "\n", "é", "中",
	// hazard ids
	"E01-202607-0001", "E01-202607-001", "E01-202607-00001", "E01-20260-0001", "e01-202607-0001",
	"-202607-0001", "E01-202607-", "E01_202607_0001", "E01-202607-0001 ", "X1E01-202607-0001", "E01-2026070-0001",
	// phones
	"13812345678", "1381234567", "138123456789", "12812345678", "19912345678", "021-59720000", "02159720000",
	"021-5972000", "021-597200000", "0512-5972000", "021-59720000-1", "021-59720000-123456", "021-59720000-1234567",
	"5972000", "59720000", "597200000", "1972000", "400-123-4567", "4001234567", "400-1234567", "400-123-456",
	"1.38E+10", "＋8613812345678",
	// dates and times
	"2026-07-05", "2026-02-29", "2028-02-29", "2026-02-30", "2026-13-01", "2026-00-10", "2026-7-5", "2026/07/05",
	"20260705", "0000-01-01", "9999-12-31", "2026-07-05T00:00:00+08:00", "2026-11-20T09:30:00+08:00",
	"2026-11-20T09:30:00Z", "2026-11-20t09:30:00z", "2026-11-20 09:30:00+08:00", "2026-11-20T24:00:00Z",
	"2026-11-20T23:59:60Z", "2026-11-20T09:30:00.123+08:00", "2026-11-20T09:30:00.+08:00", "2026-11-20T09:30:00+8:00",
	"2026-11-20T09:30", "2026-11", "2026-12", "2026-00", "2026-13", "2026-1", "202611",
	// codes
	"310118001", "31011800", "3101180011", "310118001001", "31011800100", "3101180010011", "31O118001",
	"91310118MA1901703W", "91310118MA1901703", "91310118MA1901703WW", "91310118MA1901703I", "9I310118MA1901703W",
	"E01", "E 01", "E01!", "LOC_BASEMENT", "loc_basement", "1LOC", "A", "A_", "0", "7", "365", "1000", "12a", "-1", "00",
	"qp-gas-centre", "ent-e01", ".ent", "a.b_c-d", "a b",
	// paths
	"data/hazards/2026-07/E01.csv", "data/rectifications/2026-07/310118001.csv", "data/hazards/2026-7/E01.csv",
	"data/hazards/2026-07/E01.CSV", "data/other/2026-07/E01.csv", "data/hazards/2026-07/E-01.csv", "/data/hazards/2026-07/E01.csv",
	// e-mail
	"a@b.c", "a@b", "a@", "@b.c", "a b@c.d", "a@[127.0.0.1]", "a@[IPv6:::1]", "a@-b.c", "李@b.cn", "a@b..c",
	"\"a b\"@c.d", strings.Repeat("a", 65) + "@b.c",
}

// pools returns, for each form, the values tried in each column: those
// the sample repository holds, every enum and const value of the schemas,
// and the edges.
func pools(t testing.TB) map[string][][]string {
	t.Helper()
	samples := map[string]map[string]map[string]bool{} // form → field → values
	add := func(form, field, v string) {
		if samples[form] == nil {
			samples[form] = map[string]map[string]bool{}
		}
		if samples[form][field] == nil {
			samples[form][field] = map[string]bool{}
		}
		samples[form][field][v] = true
	}
	root := "../.."
	_ = fs.WalkDir(os.DirFS(root), "data", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".csv") {
			return err
		}
		kind := ""
		switch {
		case strings.HasPrefix(p, "data/reference/"):
			kind = strings.TrimSuffix(path.Base(p), ".csv")
		case strings.HasPrefix(p, "data/hazards/"):
			kind = Hazards
		case strings.HasPrefix(p, "data/rectifications/"):
			kind = Rectifications
		case strings.HasPrefix(p, "data/inspections/"):
			kind = Inspections
		default:
			kind = strings.TrimSuffix(path.Base(p), ".csv")
		}
		f := Get(kind)
		b, err := os.ReadFile(root + "/" + p)
		if err != nil {
			return err
		}
		tb, _ := csvio.Read(p, b, f.Columns)
		if tb == nil {
			return nil
		}
		n := 0
		for _, r := range tb.Records {
			for k, v := range r.Values {
				add(kind, k, strings.TrimSpace(v))
			}
			if n++; n > 200 {
				break
			}
		}
		return nil
	})
	out := map[string][][]string{}
	for _, kind := range kinds() {
		f := Get(kind)
		var enumVals []string
		for _, p := range f.Props {
			enumVals = append(enumVals, p.Enum...)
		}
		per := make([][]string, len(f.Props))
		for i, p := range f.Props {
			set := map[string]bool{}
			for v := range samples[kind][p.Field] {
				set[v] = true
			}
			for _, v := range enumVals {
				set[v] = true
				set[v+" "] = true
			}
			for _, v := range edges {
				set[v] = true
			}
			delete(set, "")
			for v := range set {
				per[i] = append(per[i], v)
			}
			sort.Strings(per[i])
		}
		out[kind] = per
	}
	return out
}

func kinds() []string {
	return []string{Hazards, Rectifications, Towns, Villages, Enterprises, HazardTypes, Accounts, Liaisons, Receipts}
}

// agree checks one row with both implementations.
func agree(t testing.TB, f *Form, cells []string) ([]Violation, bool) {
	m := make(map[string]string, len(cells))
	for i, c := range cells {
		m[f.Props[i].Field] = c
	}
	want := f.Check(m)
	got := f.CheckCells(nil, cells)
	if len(want) == 0 && len(got) == 0 {
		return nil, true
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: row %q:\ncompiled  %v\njsonschema %v", f.Name, cells, got, want)
		return got, false
	}
	return got, true
}

// TestCompiledAgreesWithJSONSchema runs every form's compiled rules and
// jsonschema over generated rows: each value of the pools in each column
// of a valid row, every pair of columns with each value in the first and
// empty or valid in the second (the conditionals), and random rows. Both
// must give the same violations, and every rule must be seen both broken
// and kept.
func TestCompiledAgreesWithJSONSchema(t *testing.T) {
	pool := pools(t)
	rng := rand.New(rand.NewPCG(1, 14))
	total := 0
	for _, kind := range kinds() {
		f := Get(kind)
		per := pool[kind]
		n := len(f.Props)
		// a valid base row: for each column the first pool value the
		// column accepts alone (or empty)
		base := make([]string, n)
		for i := range base {
			for _, v := range per[i] {
				row := make([]string, n)
				copy(row, base)
				row[i] = v
				if vs := f.CheckCells(nil, row); !hasField(vs, f.Props[i].Field) {
					base[i] = v
					break
				}
			}
		}
		fired := map[Violation]int{}
		check := func(row []string) {
			total++
			vs, ok := agree(t, f, row)
			if !ok {
				t.FailNow()
			}
			for _, v := range vs {
				fired[v]++
			}
		}
		row := make([]string, n)
		for i := range n {
			for _, v := range append([]string{""}, per[i]...) {
				copy(row, base)
				row[i] = v
				check(row)
			}
		}
		for i := range n {
			for j := range n {
				if i == j {
					continue
				}
				vals := []string{"", base[i], per[i][0], per[i][len(per[i])-1]}
				if f.Props[i].Enum != nil {
					vals = append(vals, per[i]...)
				}
				for _, v := range vals {
					for _, w := range []string{"", base[j]} {
						copy(row, base)
						row[i], row[j] = v, w
						check(row)
					}
				}
			}
		}
		for range 5000 {
			for i := range n {
				switch k := rng.IntN(10); {
				case k < 3:
					row[i] = ""
				case k < 6:
					row[i] = base[i]
				default:
					row[i] = per[i][rng.IntN(len(per[i]))]
				}
			}
			check(row)
		}
		// Every rule of the schema must have been both broken and kept.
		for _, p := range f.Props {
			for _, v := range rulesOf(f, p.Field) {
				if fired[v] == 0 {
					t.Errorf("%s: no generated row breaks %s of %s", kind, v.Keyword, v.Field)
				}
			}
		}
	}
	t.Logf("%d rows checked by both", total)
}

// rulesOf lists the keywords the compiled schema applies to field.
func rulesOf(f *Form, field string) []Violation {
	var out []Violation
	seen := map[Violation]bool{}
	var walk func(n *node)
	walk = func(n *node) {
		if n == nil {
			return
		}
		for _, r := range n.required {
			if r.name == field {
				seen[Violation{field, "required"}] = true
			}
		}
		for _, v := range n.props {
			if v.name != field {
				continue
			}
			if v.enum != nil {
				seen[Violation{field, "enum"}] = true
			}
			if v.pattern != nil {
				seen[Violation{field, "pattern"}] = true
			}
			if v.format != nil {
				seen[Violation{field, "format"}] = true
			}
		}
		for _, s := range n.allOf {
			walk(s)
		}
		walk(n.thenNode)
		walk(n.elseNode)
	}
	walk(f.rules.node)
	for v := range seen {
		out = append(out, v)
	}
	return out
}

func hasField(vs []Violation, field string) bool {
	for _, v := range vs {
		if v.Field == field {
			return true
		}
	}
	return false
}

// TestCompiledRefusesUnknownKeywords: a schema keyword the compiled rules
// do not implement fails the compilation instead of being skipped.
func TestCompiledRefusesUnknownKeywords(t *testing.T) {
	idx := map[string]int{"a": 0}
	for _, s := range []string{
		`{"properties":{"a":{"type":"string","minLength":2}}}`,
		`{"properties":{"a":{"type":"integer"}}}`,
		`{"anyOf":[{"required":["a"]}]}`,
		`{"properties":{"a":{"format":"ipv9"}}}`,
		`{"required":["b"]}`,
		`{"additionalProperties":true}`,
	} {
		if _, err := compileRules([]byte(s), idx); err == nil {
			t.Errorf("%s compiled", s)
		}
	}
}

// TestCheckCellsAllocatesNothingOnValidRows: the point of compiling (one
// allocation at most: jsonschema's date format check takes an any).
func TestCheckCellsAllocatesNothingOnValidRows(t *testing.T) {
	f := Get(Rectifications)
	row := make([]string, len(f.Props))
	for i, p := range f.Props {
		switch p.Field {
		case "hazard_id":
			row[i] = "E01-202607-0001"
		case "status":
			row[i] = "已整改"
		case "method":
			row[i] = "更换"
		case "rectified_date":
			row[i] = "2026-07-20"
		case "verifier":
			row[i] = "村委会 周敏"
		}
	}
	var dst []Violation
	if n := testing.AllocsPerRun(100, func() { dst = f.CheckCells(dst[:0], row) }); n > 1 || len(dst) != 0 {
		t.Errorf("%v allocations, violations %v", n, dst)
	}
}

// FuzzCheckCells: for any row of any form, the compiled rules and
// jsonschema give the same violations. The row is one string, cells
// separated by \x1f.
//
//	go test ./internal/form/ -run '^$' -fuzz FuzzCheckCells -fuzztime 10m
func FuzzCheckCells(f *testing.F) {
	ks := kinds()
	for k := range ks {
		n := len(Get(ks[k]).Props)
		for _, e := range edges {
			cells := make([]string, n)
			for i := range cells {
				cells[i] = e
			}
			f.Add(uint8(k), strings.Join(cells, "\x1f"))
		}
	}
	f.Fuzz(func(t *testing.T, k uint8, s string) {
		form := Get(ks[int(k)%len(ks)])
		cells := strings.Split(s, "\x1f")
		row := make([]string, len(form.Props))
		copy(row, cells)
		agree(t, form, row)
	})
}

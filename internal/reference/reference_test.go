package reference

import (
	"reflect"
	"testing"
	"time"

	"lpg/internal/calendar"
)

func testData() *Data {
	d := &Data{
		Towns: []Town{{"310118102", "朱家角镇", "镇"}, {"310118103", "练塘镇", "镇"}, {"310118001", "夏阳街道", "街道"}},
		Villages: []Village{
			{"310118102201", "张马村村委会", "310118102", "村委会"},
			{"310118102001", "胜利街居委会", "310118102", "居委会"},
			{"310118102002", "胜利新村居委会", "310118102", "居委会"},
			{"310118103201", "东厍村村委会", "310118103", "村委会"},
		},
		HazardTypes: []HazardType{{Code: "HOSE_AGED", Name: "橡胶管变硬、龟裂、损坏、老化", Severity: "一般", DeadlineDays: 30}, {Code: "OTHER_GENERAL", Name: "其他一般隐患"}},
	}
	d.Index()
	return d
}

func TestResolve(t *testing.T) {
	d := testData()
	tests := []struct {
		what, town, in string
		want           Match
	}{
		{"town", "", "310118102", Match{Code: "310118102", Name: "朱家角镇"}},
		{"town", "", "朱家角镇", Match{Code: "310118102", Name: "朱家角镇"}},
		{"town", "", "朱家角", Match{Code: "310118102", Name: "朱家角镇", Short: true}},
		{"town", "", "夏阳", Match{Code: "310118001", Name: "夏阳街道", Short: true}},
		{"village", "310118102", "张马村", Match{Code: "310118102201", Name: "张马村村委会", Short: true}},
		{"village", "310118102", "张马村村委会", Match{Code: "310118102201", Name: "张马村村委会"}},
		{"village", "310118102", "胜利", Match{Ambiguous: true, Candidates: []string{"胜利街居委会", "胜利新村居委会"}}},
		{"village", "310118102", "东厍村", Match{Candidates: []string{"张马村村委会", "胜利街居委会", "胜利新村居委会"}}}, // in another town
		{"village", "310118103", "310118102201", Match{Candidates: []string{"东厍村村委会"}}},             // code of another town
		{"type", "", "hose_aged", Match{Code: "HOSE_AGED", Name: "橡胶管变硬、龟裂、损坏、老化"}},
		{"type", "", "胶管老化", Match{Candidates: []string{"橡胶管变硬、龟裂、损坏、老化", "其他一般隐患"}}}, // most characters in common first
		{"type", "", "其他一般隐患", Match{Code: "OTHER_GENERAL", Name: "其他一般隐患"}},
	}
	for _, tt := range tests {
		var got Match
		switch tt.what {
		case "town":
			got = d.ResolveTown(tt.in)
		case "village":
			got = d.ResolveVillage(tt.town, tt.in)
		default:
			got = d.ResolveHazardType(tt.in)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s %q: got %+v, want %+v", tt.what, tt.in, got, tt.want)
		}
	}
}

func TestEnterpriseActive(t *testing.T) {
	e := Enterprise{ActiveFrom: calendar.Month{Year: 2026, Month: time.July}, ActiveTo: calendar.Month{Year: 2026, Month: time.October}}
	for m, want := range map[time.Month]bool{6: false, 7: true, 10: true, 11: false} {
		if got := e.ActiveIn(calendar.Month{Year: 2026, Month: m}); got != want {
			t.Errorf("ActiveIn(2026-%02d) = %v", m, got)
		}
	}
	if !(Enterprise{}).ActiveIn(calendar.Month{Year: 2030, Month: 1}) {
		t.Error("an enterprise without dates is always active")
	}
}

package household

import (
	"reflect"
	"testing"
)

func TestNormalizeAddress(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"夏阳街道华青路174弄12号503室", "华青路174弄12号503"},
		{"华青路174弄12号503", "华青路174弄12号503"},
		{"华青路 174 弄 12-503", "华青路174弄12号503"},
		{"华青路１７４弄１２－５０３室", "华青路174弄12号503"},
		{"上海市青浦区夏阳街道华青路174弄12#503", "华青路174弄12号503"},
		{"华青路174弄12号楼503室", "华青路174弄12幢503"},
		{"华青路174弄12栋503室", "华青路174弄12幢503"},
		{"重固镇章堰村村3组47号", "章堰村村3组47号"},
		{"章堰村，3组47号", "章堰村3组47号"},
		{"华青路174弄12—503", "华青路174弄12号503"},
		{"华青路174弄12＃503", "华青路174弄12号503"},
		{"", ""},
	} {
		if got := NormalizeAddress(tt.in, "夏阳街道", "重固镇"); got != tt.want {
			t.Errorf("NormalizeAddress(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestGroup(t *testing.T) {
	rows := []Row{
		{Enterprise: "E01", Town: "310118001", Address: "夏阳街道华青路174弄12号503室"},      // 0
		{Enterprise: "E01", Town: "310118001", Address: "华青路174弄12-503"},           // 0: same address
		{Enterprise: "E01", Town: "310118002", Address: "华青路174弄12-503"},           // 2: another town
		{Enterprise: "E01", CustomerID: "K9", Town: "310118002", Address: "盈港路1号"}, // 3
		{Enterprise: "E02", CustomerID: "K9", Town: "310118002", Address: "盈港路2号"}, // 4: K9 of another enterprise
		{Enterprise: "E01", CustomerID: "Ｋ9", Town: "310118002", Address: "盈港路3号"}, // 3: same customer id
		{Enterprise: "E02", Town: "310118002", Address: "盈港路3号"},                   // 3: through the address of row 5
		{Enterprise: "E03", Town: "310118002"},                                     // 7: no key
	}
	got := Group(rows, func(r Row) []string { return []string{"夏阳街道"} })
	if want := []int{0, 0, 2, 3, 4, 3, 3, 7}; !reflect.DeepEqual(got, want) {
		t.Errorf("Group = %v, want %v", got, want)
	}
}

package rowdiff

import (
	"reflect"
	"testing"
)

const (
	rect = "data/rectifications/2026-10/310118102.csv"
	hdr  = "隐患编号,村居,整改状态,核查人\n"
)

func TestCompare(t *testing.T) {
	for _, c := range []struct {
		name, path, old, new string
		want                 Counts
	}{
		{"new file", rect, "", hdr + "E01-202610-0001,胜利街居委会,整改中,王\nE01-202610-0002,胜利街居委会,未整改,王\n",
			Counts{Added: 2, AddedIDs: ids("E01-202610-0001", "E01-202610-0002")}},
		{"deleted file", rect, hdr + "E01-202610-0001,胜利街居委会,整改中,王\n", "",
			Counts{Removed: 1, AddedIDs: ids(), RemovedIDs: []string{"E01-202610-0001"}}},
		{"added, changed, removed; spaces are no change", rect,
			hdr + "E01-202610-0001,胜利街居委会,整改中,王\nE01-202610-0002,胜利街居委会,未整改,王\nE01-202610-0003,胜利街居委会,未整改,王\n",
			hdr + "E01-202610-0001, 胜利街居委会 ,整改中,王\nE01-202610-0002,胜利街居委会,已整改,王\nE01-202610-0004,胜利街居委会,未整改,王\n",
			Counts{Added: 1, Changed: 1, Removed: 1, AddedIDs: ids("E01-202610-0004"), RemovedIDs: []string{"E01-202610-0003"}}},
		{"re-saved: BOM, CRLF, columns reordered, a title row, trailing blank rows, a full-width id", rect,
			hdr + "E01-202610-0001,胜利街居委会,整改中,王\n",
			"\ufeff汇总表\r\n核查人,整改状态,村居,隐患编号\r\n王,整改中,胜利街居委会,Ｅ01-202610-0001\r\n,,,\r\n",
			Counts{AddedIDs: ids()}},
		{"the （参考） columns of the pre-filled workbook are not compared", rect,
			"隐患编号,隐患类别（参考）,村居,整改状态,核查人\nE01-202610-0001,气瓶未直立使用,胜利街居委会,整改中,王\n",
			"隐患编号,隐患类别（参考）,村居,整改状态,核查人\nE01-202610-0001,改过的参考,胜利街居委会,整改中,王\n",
			Counts{AddedIDs: ids()}},
		{"other files line by line: a changed line and an added one", "data/liaisons.csv", "h\nx\ny\nz\n", "h\nx\ny2\nz\nw\n",
			Counts{Added: 1, Changed: 1}},
		{"other files: CRLF and blank lines", "data/reference/towns.csv", "", "h\r\na\r\n\r\n", Counts{Added: 1}},
	} {
		var old, new []byte
		if c.old != "" {
			old = []byte(c.old)
		}
		if c.new != "" {
			new = []byte(c.new)
		}
		if got := Compare(c.path, old, new); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
		}
	}
}

// TestReadCellsByHeaderAsWritten: the cells of a row are keyed by the
// header as written in that version; versions differing only in column
// order are the Same.
func TestReadCellsByHeaderAsWritten(t *testing.T) {
	a := Read(rect, []byte(hdr+"E01-202610-0001,胜利街居委会,整改中, 王 \n")).ByID["E01-202610-0001"]
	b := Read(rect, []byte("核查人,隐患编号,整改状态,村居\n王,E01-202610-0001,整改中,胜利街居委会\n")).ByID["E01-202610-0001"]
	want := map[string]string{"隐患编号": "E01-202610-0001", "村居": "胜利街居委会", "整改状态": "整改中", "核查人": "王"}
	if !reflect.DeepEqual(a.Cells, want) || !a.Same(b) {
		t.Errorf("cells %v (same as reordered: %v), want %v", a.Cells, a.Same(b), want)
	}
	if rows := Read("data/liaisons.csv", []byte("a,b\n1,2\n")); len(rows.ByID) != 0 {
		t.Errorf("a file that is no submission has rows %v", rows.ByID)
	}
}

func ids(s ...string) map[string]bool {
	m := map[string]bool{}
	for _, x := range s {
		m[x] = true
	}
	return m
}

// TestReceived (README "设计卡未规定之处的决定", 汇总表的收件; adversarial
// review F15, G3): a 汇总表 version counts as received only with a filled
// row (整改状态 not empty after trimming); every other file from its first
// version.
func TestReceived(t *testing.T) {
	prefill := "隐患编号,村居,整改状态,核查人,隐患类别（参考）\n"
	for _, c := range []struct {
		name, path, body string
		nil_             bool
		want             bool
	}{
		{"absent", rect, "", true, false},
		{"header only", rect, hdr, false, false},
		{"blank line", rect, hdr + ",,,\n", false, false},
		{"预填汇总表 untouched: rows, 整改状态 empty", rect, prefill + "E01-202610-0001,胜利街居委会,,,瓶阀漏气\nE01-202610-0002,胜利街居委会,,,软管老化\n", false, false},
		{"整改状态 only spaces", rect, hdr + "E01-202610-0001,胜利街居委会, ,王\n", false, false},
		{"核查人 filled, 整改状态 empty", rect, hdr + "E01-202610-0001,胜利街居委会,,王\n", false, false},
		{"one filled row", rect, prefill + "E01-202610-0001,胜利街居委会,,,瓶阀漏气\nE01-202610-0002,胜利街居委会,整改中,王,软管老化\n", false, true},
		{"header-only 排查表", "data/hazards/2026-10/E01.csv", "隐患编号\n", false, true},
		{"not a submission", "data/receipts.csv", "path,received_at\n", false, true},
	} {
		var b []byte
		if !c.nil_ {
			b = []byte(c.body)
		}
		if got := Received(c.path, b); got != c.want {
			t.Errorf("%s: Received = %v, want %v", c.name, got, c.want)
		}
	}
}

// TestStrippedZeros (review of 2026-12-02, round 3, G1): a code that is
// the previous version without its leading zeros.
func TestStrippedZeros(t *testing.T) {
	for _, c := range []struct {
		old, new string
		want     bool
	}{
		{"0012345", "12345", true},
		{"0012345", "012345", true},
		{"012", "12", true},
		{"12345", "12345", false},
		{"0012345", "0012345", false},
		{"0012345", "", false},
		{"000", "0", true},
		{"100", "10", false},
		{"0012345", "12346", false},
		{"E01GZ001", "E01GZ1", false},
	} {
		if got := strippedZeros(c.old, c.new); got != c.want {
			t.Errorf("strippedZeros(%q, %q) = %v, want %v", c.old, c.new, got, c.want)
		}
	}
}

package testrepo

import (
	"testing"
)

func TestThin(t *testing.T) {
	hz := "隐患编号,街镇\nE01-1,甲\nE01-2,乙\nE01-3,丙\nE01-4,丁"
	in := map[string][]byte{
		"data/hazards/2026-10/E01.csv":           []byte(hz),
		"data/hazards/2026-10/E02.csv":           []byte("隐患编号,街镇\n"),
		"data/rectifications/2026-10/310118.csv": []byte("隐患编号,整改状态\r\nE01-4,已整改\r\nE01-1,整改中\r\nE01-3,整改中\r\n"),
		"data/reference/towns.csv":               []byte("code,name\n1,甲\n2,乙\n3,丙\n"),
	}
	for _, c := range []struct {
		n    int
		also []string
		want map[string]string
	}{
		{1, nil, map[string]string{
			"data/hazards/2026-10/E01.csv":           "隐患编号,街镇\nE01-1,甲\n",
			"data/hazards/2026-10/E02.csv":           "隐患编号,街镇\n",
			"data/rectifications/2026-10/310118.csv": "隐患编号,整改状态\r\nE01-1,整改中\r\n",
			"data/reference/towns.csv":               "code,name\n1,甲\n2,乙\n3,丙\n",
		}},
		{2, []string{"E01-4"}, map[string]string{
			"data/hazards/2026-10/E01.csv":           "隐患编号,街镇\nE01-1,甲\nE01-2,乙\nE01-4,丁\n",
			"data/hazards/2026-10/E02.csv":           "隐患编号,街镇\n",
			"data/rectifications/2026-10/310118.csv": "隐患编号,整改状态\r\nE01-4,已整改\r\nE01-1,整改中\r\n",
			"data/reference/towns.csv":               "code,name\n1,甲\n2,乙\n3,丙\n",
		}},
		{10, nil, map[string]string{
			"data/hazards/2026-10/E01.csv":           hz + "\n",
			"data/hazards/2026-10/E02.csv":           "隐患编号,街镇\n",
			"data/rectifications/2026-10/310118.csv": "隐患编号,整改状态\r\nE01-4,已整改\r\nE01-1,整改中\r\nE01-3,整改中\r\n",
			"data/reference/towns.csv":               "code,name\n1,甲\n2,乙\n3,丙\n",
		}},
	} {
		got := Thin(in, c.n, c.also...)
		if len(got) != len(c.want) {
			t.Errorf("Thin(%d, %v): %d files, want %d", c.n, c.also, len(got), len(c.want))
		}
		for p, w := range c.want {
			if string(got[p]) != w {
				t.Errorf("Thin(%d, %v) %s = %q, want %q", c.n, c.also, p, got[p], w)
			}
		}
	}
}

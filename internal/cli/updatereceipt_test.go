package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestBuildUpdateLine (review round 3, G16): the 排查表 data/hazards/
// 2026-10/E01.csv is received on time (2026-11-20, deadline 2026-11-25
// 23:59:59); a pull request opened 2026-11-24 adds two rows and is merged
// 2026-11-27. With lpg receipt's update line naming the merge (the pull
// request's creation time) the rows are not 逾期补报 (scorecard: 逾期补报行数
// 0, no commit listed); without it they are, by the merge's time, as
// before. The file's receipt is 2026-11-20 either way.
func TestBuildUpdateLine(t *testing.T) {
	p := "data/hazards/2026-10/E01.csv"
	rows := "E01-202610-0003,朱家角镇,东湖街居委会,居民,郭德,13800139807,朱家角镇城中东路432弄36号103室,2026-10-23,钱卫东,气瓶未直立使用,,一般,书面告知限期整改,E01GZ2026100003,,\n" +
		"E01-202610-0004,朱家角镇,东湖街居委会,居民,郭明,13800139808,朱家角镇城中东路432弄37号103室,2026-10-23,钱卫东,气瓶未直立使用,,一般,书面告知限期整改,E01GZ2026100004,,\n"
	for _, tt := range []struct {
		name     string
		line     bool
		lateRows string // the scorecard's 逾期补报行数 cell of E01
		listed   bool   // the commit is listed under 逾期补报
	}{
		{"with the update line", true, "0", false},
		{"without it", false, "2", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			g, dir := tinyRepo(t)
			old, err := os.ReadFile(filepath.Join(dir, p))
			if err != nil {
				t.Fatal(err)
			}
			merge := commit(t, g, time.Date(2026, 11, 27, 9, 0, 0, 0, sh), "Merge pull request #12", map[string][]byte{p: append(old, rows...)})
			if tt.line {
				commit(t, g, time.Date(2026, 11, 27, 9, 1, 0, 0, sh), "收件时间（forge 记录）", map[string][]byte{"data/receipts.csv": []byte("path,received_at,channel,note\n" +
					p + ",2026-11-24T10:00:00+08:00,pr,pull request #12 合并提交 " + merge.String() + "（已收到文件的后续改动，收件时间为 pull request 创建时间）\n")})
			}
			out := filepath.Join(t.TempDir(), "site")
			if code, _, errOut := runAt(day(5, 12), "build", "--root", dir, "--out", out, "--as-of", "2026-12-05T10:00:00+08:00"); code != ExitOK {
				t.Fatalf("build: exit %d\n%s", code, errOut)
			}
			b, err := os.ReadFile(filepath.Join(out, "enterprises", "scorecard-2026-10.html"))
			if err != nil {
				t.Fatal(err)
			}
			page := string(b)
			tr := regexp.MustCompile(`<tr><th scope="row"><a href="[^"]*/E01/index\.html">.*?</tr>`).FindString(page)
			cells := regexp.MustCompile(`<td[^>]*>([^<]*)</td>`).FindAllStringSubmatch(tr, -1)
			if len(cells) != 15 {
				t.Fatalf("E01's scorecard row: %d cells\n%s", len(cells), tr)
			}
			if cells[6][1] != tt.lateRows || cells[0][1] != "按时" {
				t.Errorf("E01: 排查表 %q, 逾期补报行数 %q; want 按时, %q", cells[0][1], cells[6][1], tt.lateRows)
			}
			// the note under the table explains the rule only where it applies
			if note := strings.Contains(page, "但带来这些行的 pull request 在 forge 登记了创建时间（收件记录中注明合并提交的 pr 行）且更早的，按创建时间：截止前创建、截止后才合并的不算逾期补报；"); note != tt.line {
				t.Errorf("note on the update lines: %v, want %v", note, tt.line)
			}
			listed := strings.Contains(page, "逾期补报 2 行："+merge.String()[:7]+"（2026-11-27，2 行）")
			if listed != tt.listed {
				t.Errorf("逾期补报 listed: %v, want %v", listed, tt.listed)
			}
		})
	}
}

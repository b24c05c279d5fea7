package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/testrepo"
)

// TestReceipt: the publish workflow's step after a merge. The forge's
// pull-request record, not the commit's date, gives the receipt time; a
// second run is a no-op (append-only), and a push that merged no pull
// request records nothing.
func TestReceipt(t *testing.T) {
	g, refs := prRepo(t, august("13800138000"))
	base, head := refs["refs/heads/main"].String(), refs["refs/heads/feature"].String()
	prs := filepath.Join(t.TempDir(), "pr.json")
	write := func(s string) {
		if err := os.WriteFile(prs, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	receipts := filepath.Join(g.Dir, "data", "receipts.csv")
	os.Remove(receipts)

	// GitHub answers an array of short pull-request objects (merged_at, no
	// merged): an open PR containing the commit and the merged one.
	write(`[{"number": 3, "created_at": "2026-09-01T00:00:00Z", "merged_at": null, "merge_commit_sha": "` + head + `"},
	        {"number": 7, "created_at": "2026-09-20T01:30:00Z", "merged_at": "2026-09-28T02:00:00Z", "merge_commit_sha": "` + head + `"}]`)
	code, out, errs := runLPG("receipt", "--root", g.Dir, "--pr-json", prs, "--base", base, "--head", head)
	if code != ExitOK {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	if want := "已登记 data/hazards/2026-08/E01.csv 收件时间 2026-09-20T09:30:00+08:00（pull request #7 创建时间，forge 记录）。\n"; out != want {
		t.Errorf("stdout %q, want %q", out, want)
	}
	want := "path,received_at,channel,note\ndata/hazards/2026-08/E01.csv,2026-09-20T09:30:00+08:00,pr,pull request #7 创建时间（forge 记录），合并提交 " + head[:7] + "\n"
	if b, _ := os.ReadFile(receipts); string(b) != want {
		t.Errorf("receipts.csv =\n%s\nwant\n%s", b, want)
	}

	// Gitea answers one object; the path is listed now: nothing appended.
	write(`{"number": 8, "created_at": "2026-09-25T01:30:00Z", "merged": true, "merge_commit_sha": "` + head + `"}`)
	code, out, _ = runLPG("receipt", "--root", g.Dir, "--pr-json", prs, "--base", base, "--head", head)
	if code != ExitOK || !strings.Contains(out, "不登记") {
		t.Errorf("second run: exit %d %q", code, out)
	}
	if b, _ := os.ReadFile(receipts); string(b) != want {
		t.Errorf("receipts.csv changed:\n%s", b)
	}

	// No merged pull request for this commit (Gitea 404 body, or a PR merged elsewhere).
	for _, body := range []string{"", `{"number": 9, "created_at": "2026-09-25T01:30:00Z", "merged": true, "merge_commit_sha": "` + base + `"}`} {
		os.Remove(receipts)
		write(body)
		code, out, _ = runLPG("receipt", "--root", g.Dir, "--pr-json", prs, "--base", base, "--head", head)
		if code != ExitOK || !strings.Contains(out, "不是任何 pull request 的合并结果") {
			t.Errorf("%q: exit %d %q", body, code, out)
		}
		if _, err := os.Stat(receipts); err == nil {
			t.Errorf("%q: receipts.csv written", body)
		}
	}

	// Review round 3, G24: a pull request opened before the end of the
	// file's month (lpg check refuses it; a merge past the gate) gets no
	// line — validate would refuse it and no build would run — and a
	// warning; the file keeps its receipt from the main line.
	os.Remove(receipts)
	write(`{"number": 10, "created_at": "2026-08-31T15:59:59Z", "merged": true, "merge_commit_sha": "` + head + `"}`)
	code, out, errs = runLPG("receipt", "--root", g.Dir, "--pr-json", prs, "--base", base, "--head", head)
	if code != ExitOK || !strings.Contains(out, "没有新增排查表或汇总表") ||
		!strings.Contains(errs, "警告：不登记 data/hazards/2026-08/E01.csv 的收件时间（pull request #10 创建时间）：收件时间 2026-08-31T23:59:59+08:00 早于 2026-08 月末") ||
		!strings.Contains(errs, "该文件的收件时间按它进入主线的合并提交 "+head[:7]+" 的时间计。") {
		t.Errorf("early: exit %d\n%s\n%s", code, out, errs)
	}
	if _, err := os.Stat(receipts); err == nil {
		t.Errorf("early: receipts.csv written")
	}

	write(`{"number": 8, "created_at": "yesterday", "merged": true, "merge_commit_sha": "` + head + `"}`)
	if code, _, errs := runLPG("receipt", "--root", g.Dir, "--pr-json", prs, "--base", base, "--head", head); code != ExitFailure || !strings.Contains(errs, "不是 RFC 3339 时间") {
		t.Errorf("bad created_at: exit %d %q", code, errs)
	}
	if code, _, _ := runLPG("receipt", "--root", g.Dir, "--base", base); code != ExitFailure {
		t.Errorf("missing --pr-json: exit %d", code)
	}
}

// TestCheckBackdated: a pull request whose commit is dated 2026-09-01 10:00
// (+08:00 17:00), checked on 2026-12-10: lpg check warns, still passes, and
// the summary shows the receipt time the merge will record.
func TestCheckBackdated(t *testing.T) {
	t.Setenv("GITHUB_STEP_SUMMARY", "")
	g, refs := prRepo(t, august("13800138000"))
	var o, e bytes.Buffer
	now := time.Date(2026, 12, 10, 9, 0, 0, 0, time.UTC)
	c := &Command{Stdout: &o, Stderr: &e, Now: func() time.Time { return now }}
	md := filepath.Join(t.TempDir(), "summary.md")
	code := c.Main([]string{"lpg", "check", "--root", g.Dir, "--base", "origin/main", "--actor", "ent-e01",
		"--opened-at", "2026-09-26T10:00:00+08:00", "--summary", md})
	if code != ExitOK {
		t.Fatalf("exit %d\n%s%s", code, o.String(), e.String())
	}
	head := refs["refs/heads/feature"].String()[:7]
	for _, want := range []string{
		"收件时间：data/hazards/2026-08/E01.csv 合并后登记为 2026-09-26T10:00:00+08:00（pull request 创建时间），截止 2026-09-25T23:59:59+08:00，逾期报送\n",
		"\n警告: 提交 " + head + " 的提交时间（committer date） 2026-09-01T18:00:00+08:00 早于检查时间 2026-12-10T17:00:00+08:00 99 天（超过 24 小时）",
	} {
		if !strings.Contains(o.String(), want) {
			t.Errorf("text output lacks %q:\n%s", want, o.String())
		}
	}
	b, _ := os.ReadFile(md)
	for _, want := range []string{
		"合并后，发布工作流将以本 pull request 的创建时间 **2026-09-26T10:00:00+08:00**（forge 记录）登记下列文件的收件时间；提交中的时间和审核合并的时间都不作数。",
		"| `data/hazards/2026-08/E01.csv` | 2026-09-25T23:59:59+08:00 | 2026-09-26T10:00:00+08:00 | 逾期报送 |",
		"|  |  |  | `" + head + "` | 提交 " + head + " 的作者时间（author date） 2026-09-01T18:00:00+08:00 早于检查时间 2026-12-10T17:00:00+08:00 99 天（超过 24 小时） |",
	} {
		if !strings.Contains(string(b), want) {
			t.Errorf("summary lacks %q:\n%s", want, b)
		}
	}
	if code, _, errs := runLPG("check", "--root", g.Dir, "--base", "origin/main", "--opened-at", "monday"); code != ExitFailure || !strings.Contains(errs, "不是 RFC 3339 时间") {
		t.Errorf("bad --opened-at: exit %d %q", code, errs)
	}
}

// TestReceiptUpdate (review round 3, G16): pull request #12, opened
// 2026-09-24, adds two rows to data/hazards/2026-08/E01.csv (received
// 2026-09-20) and the new file E02.csv; merged 2026-09-27 with a merge
// commit. lpg receipt records E02's receipt and an update line for E01
// naming the merge commit, both at the creation time; the line validates,
// and a second run adds nothing.
func TestReceiptUpdate(t *testing.T) {
	g := testrepo.NewGit(t, t.TempDir())
	base := testrepo.ReadDir(t, "../check/testdata/base")
	e01, e02 := "data/hazards/2026-08/E01.csv", "data/hazards/2026-08/E02.csv"
	main := g.Commit("qp-gas-centre", time.Date(2026, 9, 20, 10, 0, 0, 0, sh), "E01", base.With(testrepo.Files{e01: august("13800138000")}))
	rows := strings.Replace(august("13800138001"), hazardHeader, "", 1)
	files := base.With(testrepo.Files{e01: august("13800138000") + strings.Replace(rows, "0001", "0002", 2) + strings.Replace(rows, "0001", "0003", 2),
		e02: strings.ReplaceAll(august("13800138002"), "E01", "E02")})
	side := g.Commit("ent-e01", time.Date(2026, 9, 24, 9, 0, 0, 0, sh), "two rows", files, main)
	merge := g.Commit("qp-gas-centre", time.Date(2026, 9, 27, 10, 0, 0, 0, sh), "Merge pull request #12", files, main, side)
	g.Ref("refs/heads/main", merge)
	g.Head("main")
	prs := filepath.Join(t.TempDir(), "pr.json")
	if err := os.WriteFile(prs, []byte(`{"number": 12, "created_at": "2026-09-24T01:00:00Z", "merged": true, "merge_commit_sha": "`+merge.String()+`"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runLPG("receipt", "--root", g.Dir, "--pr-json", prs, "--base", main.String(), "--head", merge.String())
	if code != ExitOK {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	if want := "已登记 data/hazards/2026-08/E02.csv 收件时间 2026-09-24T09:00:00+08:00（pull request #12 创建时间，forge 记录）。\n" +
		"已登记 data/hazards/2026-08/E01.csv 的后续改动（提交 " + merge.String()[:7] + "）收件时间 2026-09-24T09:00:00+08:00（pull request #12 创建时间，forge 记录）：该提交新增的行按此时间计；文件本身的收件时间不变。\n"; out != want {
		t.Errorf("stdout\n%s\nwant\n%s", out, want)
	}
	receipts := filepath.Join(g.Dir, "data", "receipts.csv")
	want := "path,received_at,channel,note\n" +
		e02 + ",2026-09-24T09:00:00+08:00,pr,pull request #12 创建时间（forge 记录），合并提交 " + merge.String()[:7] + "\n" +
		e01 + ",2026-09-24T09:00:00+08:00,pr,pull request #12 合并提交 " + merge.String() + "（已收到文件的后续改动，收件时间为 pull request 创建时间）\n"
	if b, _ := os.ReadFile(receipts); string(b) != want {
		t.Errorf("receipts.csv =\n%s\nwant\n%s", b, want)
	}
	code, out, _ = runLPG("receipt", "--root", g.Dir, "--pr-json", prs, "--base", main.String(), "--head", merge.String())
	if code != ExitOK || out != "pull request #12 没有新增排查表或汇总表（或已有收件记录）：不登记。\n" {
		t.Errorf("second run: exit %d %q", code, out)
	}
	if b, _ := os.ReadFile(receipts); string(b) != want {
		t.Errorf("receipts.csv changed:\n%s", b)
	}
	files.Write(t, g.Dir)
	code, out, errs = runAt(time.Date(2026, 9, 28, 9, 0, 0, 0, sh), "validate", "--root", g.Dir, "data/receipts.csv")
	if code != ExitOK || strings.Contains(out, "receipts.csv:") {
		t.Errorf("validate: exit %d\n%s%s", code, out, errs)
	}
	// A line naming the pull request's own commit, which is not on the
	// main line's first-parent chain: a warning, the line has no effect.
	if err := os.WriteFile(receipts, []byte(want+e01+",2026-09-24T09:00:00+08:00,pr,pull request #12 合并提交 "+side.String()+" 后续改动\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs = runAt(time.Date(2026, 9, 28, 9, 0, 0, 0, sh), "validate", "--root", g.Dir, "data/receipts.csv")
	if w := "data/receipts.csv:4:note: 警告: 收件记录中 data/hazards/2026-08/E01.csv 的这一行登记的合并提交 " + side.String() + " 不在主线上（不是主线第一父链上的提交）：这一行不起作用，该提交新增的行按进入主线的时间计（值：\"pull request #12 合并提交 " + side.String() + " 后续改动\"）（提示：核对合并提交；主线历史被改写过时，删除这一行或改为该改动在主线上的提交） [note.merge_missing]\n"; code != ExitOK || !strings.Contains(out, w) || strings.Count(out, "receipts.csv:") != 1 {
		t.Errorf("validate: exit %d\n%s%s\nwant\n%s", code, out, errs, w)
	}
}

// TestReceiptReAdded (review round 4, H2): a file that was on the main
// line (received on time, 2026-09-20), then deleted and added again by a
// pull request opened after the deadline, gets no forge line: its receipt
// stays its first appearance, and the build calls it on time.
func TestReceiptReAdded(t *testing.T) {
	g := testrepo.NewGit(t, t.TempDir())
	sh := calendar.Shanghai
	p := "data/hazards/2026-08/E01.csv"
	base := testrepo.ReadDir(t, "../check/testdata/base")
	c0 := g.Commit("qp-gas-centre", time.Date(2026, 9, 1, 9, 0, 0, 0, sh), "base", base)
	with := base.With(testrepo.Files{p: august("13800138000")})
	c1 := g.Commit("ent-e01", time.Date(2026, 9, 20, 10, 0, 0, 0, sh), "E01 on time", with, c0)
	c2 := g.Commit("qp-gas-centre", time.Date(2026, 10, 1, 10, 0, 0, 0, sh), "deleted", base, c1)
	side := g.Commit("ent-e01", time.Date(2026, 10, 2, 9, 0, 0, 0, sh), "re-add", with, c2)
	merge := g.Commit("qp-gas-centre", time.Date(2026, 10, 2, 10, 0, 0, 0, sh), "Merge PR #7", with, c2, side)
	g.Ref("refs/heads/main", merge)
	g.Head("main")
	prs := filepath.Join(t.TempDir(), "pr.json")
	if err := os.WriteFile(prs, []byte(`{"number": 7, "created_at": "2026-10-02T01:00:00Z", "merged": true, "merge_commit_sha": "`+merge.String()+`"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runLPG("receipt", "--root", g.Dir, "--pr-json", prs, "--base", c2.String(), "--head", merge.String())
	want := p + " 在这次合并之前已经在主线上出现过（2026-09-20T10:00:00+08:00 首次出现，之后被删除），收件时间仍按最早出现的时间计：不登记 pull request #7 的创建时间。\n"
	if code != ExitOK || !strings.HasPrefix(out, want) {
		t.Errorf("exit %d\n%s%s\nwant prefix %s", code, out, errs, want)
	}
	if b, err := os.ReadFile(filepath.Join(g.Dir, "data/receipts.csv")); err == nil && strings.Contains(string(b), p) {
		t.Errorf("receipts.csv lists %s:\n%s", p, b)
	}
}

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

// TestImportReceiptThroughCSVIO (issue 10): lpg import reads
// data/receipts.csv as lpg reads any CSV (BOM, CRLF, columns in another
// order), keeps its rows, writes it canonical, and stamps a receipt given
// without --received-at with the command's clock, not the machine's.
func TestImportReceiptThroughCSVIO(t *testing.T) {
	root := tinyCopy(t)
	old := "\uFEFFnote,channel,received_at,path\r\n代报 张科长,email,2026-11-20T09:30:00+08:00,data/hazards/2026-10/E01.csv\r\n"
	if err := os.WriteFile(filepath.Join(root, "data/receipts.csv"), []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(t.TempDir(), "E01-11月.csv")
	header, _, _ := strings.Cut(mustRead(t, filepath.Join(root, "data/hazards/2026-10/E01.csv")), "\n")
	if err := os.WriteFile(src, []byte(header+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	clock := time.Date(2026, 12, 3, 10, 0, 0, 0, calendar.Shanghai)
	var out, errb bytes.Buffer
	c := &Command{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Now: func() time.Time { return clock }}
	code := c.Main([]string{"lpg", "import", src, "--form", "hazards", "--month", "2026-11", "--submitter", "E01", "--channel", "email", "--root", root})
	if code != ExitOK {
		t.Fatalf("import: exit %d\n%s\n%s", code, &out, &errb)
	}
	want := "path,received_at,channel,note\n" +
		"data/hazards/2026-10/E01.csv,2026-11-20T09:30:00+08:00,email,代报 张科长\n" +
		"data/hazards/2026-11/E01.csv,2026-12-03T10:00:00+08:00,email,代报\n"
	if got := mustRead(t, filepath.Join(root, "data/receipts.csv")); got != want {
		t.Errorf("receipts.csv:\n%s\nwant:\n%s", got, want)
	}
	if code, vout, _ := runAt(clock, "validate", "--root", root); code != ExitOK { // at the import's clock: the receipt is not in its future
		t.Errorf("repository invalid after import:\n%s", vout)
	}
}

func mustRead(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestImportKeepsGitReceipt (review finding 4): a 汇总表 that reached the
// main line on 11-28 keeps that receipt when an update comes by e-mail
// later: lpg import --received-at of the update records nothing (receipts.csv
// would win over git and make the file late) and says why; an earlier
// time (代报: it came by e-mail before it was committed) is recorded. lpg
// validate warns about a receipts.csv line later than git's, but not about
// a forge (pr) line.
func TestImportKeepsGitReceipt(t *testing.T) {
	root := t.TempDir()
	files := testrepo.ReadDir(t, "testdata/tiny")
	if err := os.CopyFS(root, os.DirFS("testdata/tiny")); err != nil {
		t.Fatal(err)
	}
	g := testrepo.NewGit(t, root)
	first := time.Date(2026, 11, 28, 15, 0, 0, 0, calendar.Shanghai)
	g.Ref("refs/heads/main", g.Commit("town-310118102", first, "310118102 2026-10 汇总表", files))
	g.Head("main")
	p := "data/rectifications/2026-10/310118102.csv"
	src := filepath.Join(t.TempDir(), "汇总表.csv")
	if err := os.WriteFile(src, []byte(files[p]), 0o644); err != nil {
		t.Fatal(err)
	}
	clock := time.Date(2026, 12, 3, 10, 0, 0, 0, calendar.Shanghai)
	lpg := func(args ...string) (int, string) {
		var out, errb bytes.Buffer
		c := &Command{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Now: func() time.Time { return clock }}
		code := c.Main(append([]string{"lpg"}, args...))
		return code, out.String() + errb.String()
	}
	code, out := lpg("import", src, "--form", "rectifications", "--received-at", "2026-12-02T10:00:00+08:00", "--channel", "email", "--root", root)
	if code != ExitOK {
		t.Fatalf("import: exit %d\n%s", code, out)
	}
	note := p + " 已于 2026-11-28T15:00:00+08:00 收到（主线上第一次出现该文件的提交时间），这次是更新，收件时间不变：收件时间只能提前（代报），不能推后，所以没有在 data/receipts.csv 登记 2026-12-02T10:00:00+08:00。\n"
	if !strings.Contains(out, note) {
		t.Errorf("output lacks the note:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(root, "data/receipts.csv")); err == nil {
		t.Errorf("receipts.csv written:\n%s", mustRead(t, filepath.Join(root, "data/receipts.csv")))
	}
	// Received by e-mail before it reached git: recorded.
	if code, out := lpg("import", src, "--form", "rectifications", "--received-at", "2026-11-26T09:00:00+08:00", "--channel", "email", "--root", root); code != ExitOK ||
		!strings.Contains(out, "已在 data/receipts.csv 记录收件时间 2026-11-26T09:00:00+08:00。") {
		t.Errorf("earlier receipt: exit %d\n%s", code, out)
	}
	// A later line written by hand: lpg validate warns; a pr line does not.
	receipts := "path,received_at,channel,note\n" + p + ",2026-12-02T10:00:00+08:00,email,代报\n" +
		"data/hazards/2026-10/E01.csv,2026-12-01T09:00:00+08:00,pr,#7\n"
	if err := os.WriteFile(filepath.Join(root, "data/receipts.csv"), []byte(receipts), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out = lpg("validate", "--root", root)
	want := "data/receipts.csv:2:received_at: 警告: 收件记录把 " + p + " 的收件时间登记为 2026-12-02T10:00:00+08:00，晚于该文件第一次出现在主线上的时间 2026-11-28T15:00:00+08:00"
	if code != ExitOK || !strings.Contains(out, want) || strings.Count(out, "received_at.later") != 1 {
		t.Errorf("validate: exit %d\n%s", code, out)
	}
}

// TestImportEarlyReceipt (adversarial review F8): lpg import refuses a
// --received-at before the imported file's month has ended, writes
// nothing, and lpg validate gives received_at.early for such a line in
// receipts.csv.
func TestImportEarlyReceipt(t *testing.T) {
	root := tinyCopy(t)
	src := filepath.Join(t.TempDir(), "E01-11月.csv")
	header, _, _ := strings.Cut(mustRead(t, filepath.Join(root, "data/hazards/2026-10/E01.csv")), "\n")
	if err := os.WriteFile(src, []byte(header+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run("import", src, "--form", "hazards", "--month", "2026-11", "--submitter", "E01", "--received-at", "2026-08-01T00:00:00+08:00", "--root", root)
	want := "--received-at：收件时间 2026-08-01T00:00:00+08:00 早于 2026-11 月末（2026-11-30T23:59:59+08:00）：data/hazards/2026-11/E01.csv 是排查表（2026-11 的入户安检），该月结束之前不可能收到（核对年份和月份（例如把 10 月写成了 08 月）；填写实际收到文件的时间（2026-11 结束之后））。未写入任何文件。\n"
	if code != ExitInvalid || !strings.HasSuffix(out, want) {
		t.Errorf("exit %d\n%s\n%s\nwant suffix %s", code, out, errOut, want)
	}
	if _, err := os.Stat(filepath.Join(root, "data/hazards/2026-11/E01.csv")); err == nil {
		t.Error("the file was written")
	}
	line := "path,received_at,channel,note\ndata/hazards/2026-10/E01.csv,2026-10-31T23:59:59+08:00,email,代报\n"
	if err := os.WriteFile(filepath.Join(root, "data/receipts.csv"), []byte(line), 0o644); err != nil {
		t.Fatal(err)
	}
	code, vout, _ := run("validate", "--root", root)
	if code != ExitInvalid || !strings.Contains(vout, "data/receipts.csv:2:received_at: 错误: 收件时间 2026-10-31T23:59:59+08:00 早于 2026-10 月末（2026-10-31T23:59:59+08:00）：data/hazards/2026-10/E01.csv 是排查表（2026-10 的入户安检），该月结束之前不可能收到") || !strings.Contains(vout, "[received_at.early]") {
		t.Errorf("validate: exit %d\n%s", code, vout)
	}
}

// TestImportReplaceWithBlank (adversarial review F20): lpg import --replace
// of a workbook without data rows over a 汇总表 with rows writes nothing
// and says how to really empty it; with --allow-empty it does.
func TestImportReplaceWithBlank(t *testing.T) {
	root := tinyCopy(t)
	p := filepath.Join(root, "data/rectifications/2026-10/310118102.csv")
	before := mustRead(t, p)
	header, _, _ := strings.Cut(before, "\n")
	src := filepath.Join(t.TempDir(), "空白.csv")
	if err := os.WriteFile(src, []byte(header+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"import", src, "--form", "rectifications", "--month", "2026-10", "--submitter", "310118102", "--replace", "--root", root}
	code, out, errOut := run(args...)
	want := "data/rectifications/2026-10/310118102.csv 已有 1 行，导入的表格却没有数据行（可能导入了空白模板）：未写入任何文件。如确要清空该文件，请加 --replace --allow-empty。\n"
	if code != ExitInvalid || !strings.HasSuffix(out, want) || mustRead(t, p) != before {
		t.Errorf("exit %d\n%s\n%s\nwant suffix %s", code, out, errOut, want)
	}
	if code, out, errOut := run(append(args, "--allow-empty")...); code != ExitOK || mustRead(t, p) != header+"\n" {
		t.Errorf("--allow-empty: exit %d\n%s\n%s\nfile %q", code, out, errOut, mustRead(t, p))
	}
}

// TestImportPlaceholderReceipt (README 汇总表的收件): a 汇总表 without a
// filled row — header only, or the 预填汇总表 with every 整改状态 empty
// (adversarial review G3) — is no submission, so lpg import --received-at
// of one records no receipt
// (it would make the real file, arriving after its deadline, on time); and
// a receipt already listed for a placeholder (written before this rule) is
// replaced by the later receipt of the file with rows, not kept as the
// earlier one.
func TestImportPlaceholderReceipt(t *testing.T) {
	root := tinyCopy(t)
	target := "data/rectifications/2026-10/310118102.csv"
	p := filepath.Join(root, target)
	full := mustRead(t, p)
	header, _, _ := strings.Cut(full, "\n")
	dir := t.TempDir()
	blank, real := filepath.Join(dir, "空白.csv"), filepath.Join(dir, "汇总表.csv")
	if err := os.WriteFile(blank, []byte(header+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(real, []byte(full), 0o644); err != nil {
		t.Fatal(err)
	}
	receipts := filepath.Join(root, "data/receipts.csv")
	args := []string{"--form", "rectifications", "--month", "2026-10", "--submitter", "310118102", "--root", root}
	code, out, errOut := run(append([]string{"import", blank, "--replace", "--allow-empty", "--received-at", "2026-11-05T09:00:00+08:00"}, args...)...)
	want := "没有填写整改状态的汇总表（只有表头，或整改状态都空着的预填汇总表）不算报送，所以没有在 data/receipts.csv 登记收件时间：收到填了整改情况的汇总表时再用 --received-at 导入。\n"
	if code != ExitOK || !strings.HasSuffix(out, want) || mustRead(t, p) != header+"\n" {
		t.Fatalf("placeholder: exit %d\n%s\n%s\nwant suffix %s", code, out, errOut, want)
	}
	if b, err := os.ReadFile(receipts); err == nil && strings.Contains(string(b), target) {
		t.Errorf("receipts.csv lists the placeholder:\n%s", b)
	}
	// the 预填汇总表 untouched: a row, 整改状态 empty (G3)
	prefill := filepath.Join(dir, "预填.csv")
	if err := os.WriteFile(prefill, []byte(header+"\nE01-202610-0001,胜利街居委会,,,,,,,\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = run(append([]string{"import", prefill, "--replace", "--received-at", "2026-11-05T09:00:00+08:00"}, args...)...)
	if code != ExitOK || !strings.HasSuffix(out, want) {
		t.Fatalf("预填汇总表: exit %d\n%s\n%s\nwant suffix %s", code, out, errOut, want)
	}
	if b, err := os.ReadFile(receipts); err == nil && strings.Contains(string(b), target) {
		t.Errorf("receipts.csv lists the untouched 预填汇总表:\n%s", b)
	}
	// a line for the placeholder from before this rule
	if err := os.WriteFile(receipts, []byte("path,received_at,channel,note\n"+target+",2026-11-05T09:00:00+08:00,email,\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = run(append([]string{"import", real, "--received-at", "2026-12-01T10:00:00+08:00"}, args...)...)
	want = "data/receipts.csv 原有的收件记录（2026-11-05T09:00:00+08:00）是没有填写整改状态、不算报送的汇总表的；按这次收到的填了整改情况的文件改登记。\n" +
		"已在 data/receipts.csv 记录收件时间 2026-12-01T10:00:00+08:00。\n"
	if code != ExitOK || !strings.Contains(out, want) {
		t.Errorf("real file: exit %d\n%s\n%s\nwant suffix %s", code, out, errOut, want)
	}
	if got, want := mustRead(t, receipts), "path,received_at,channel,note\n"+target+",2026-12-01T10:00:00+08:00,email,代报\n"; got != want {
		t.Errorf("receipts.csv:\n%s\nwant:\n%s", got, want)
	}
}

// TestImportOnSiteOnlyReceipt (review round 4 H9): when every hazard of the
// town's month was rectified on the spot (当场整改), its header-only 汇总表
// is a submission, so lpg import --received-at records its receipt.
func TestImportOnSiteOnlyReceipt(t *testing.T) {
	root := tinyCopy(t)
	hp := filepath.Join(root, "data/hazards/2026-10/E01.csv")
	hz := mustRead(t, hp)
	for _, n := range []string{"1", "2"} {
		hz = strings.Replace(hz, ",书面告知限期整改,E01GZ202610000"+n+",", ",当场整改,,", 1)
	}
	if err := os.WriteFile(hp, []byte(hz), 0o644); err != nil {
		t.Fatal(err)
	}
	target := "data/rectifications/2026-10/310118102.csv"
	header, _, _ := strings.Cut(mustRead(t, filepath.Join(root, target)), "\n")
	blank := filepath.Join(t.TempDir(), "空白.csv")
	if err := os.WriteFile(blank, []byte(header+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run("import", blank, "--replace", "--allow-empty", "--received-at", "2026-11-05T09:00:00+08:00",
		"--form", "rectifications", "--month", "2026-10", "--submitter", "310118102", "--root", root)
	want := "该街镇这个月的隐患都是当场整改，没有需要填写的行：没有填写整改状态的汇总表也算报送。\n" +
		"已在 data/receipts.csv 记录收件时间 2026-11-05T09:00:00+08:00。\n"
	if code != ExitOK || !strings.HasSuffix(out, want) {
		t.Fatalf("exit %d\n%s\n%s\nwant suffix %s", code, out, errOut, want)
	}
	if got, want := mustRead(t, filepath.Join(root, "data/receipts.csv")), "path,received_at,channel,note\n"+target+",2026-11-05T09:00:00+08:00,email,代报\n"; got != want {
		t.Errorf("receipts.csv:\n%s\nwant:\n%s", got, want)
	}
}

// TestImportMonthNotEnded (review round 3, G33): lpg import applies the
// gate's month rule at the real time: a 排查表 of a month that has not
// ended is refused with lpg check's message, and nothing is written.
func TestImportMonthNotEnded(t *testing.T) {
	root := tinyCopy(t)
	src := filepath.Join(t.TempDir(), "E01-11月.csv")
	header, _, _ := strings.Cut(mustRead(t, filepath.Join(root, "data/hazards/2026-10/E01.csv")), "\n")
	if err := os.WriteFile(src, []byte(header+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		clock    time.Time
		wantCode int
	}{ // in this order: the refused import must find no file
		{time.Date(2026, 11, 30, 23, 59, 59, 0, calendar.Shanghai), ExitInvalid},
		{time.Date(2026, 12, 1, 0, 0, 0, 0, calendar.Shanghai), ExitOK},
	} {
		clock, wantCode := tc.clock, tc.wantCode
		var out, errb bytes.Buffer
		c := &Command{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Now: func() time.Time { return clock }}
		code := c.Main([]string{"lpg", "import", src, "--form", "hazards", "--month", "2026-11", "--submitter", "E01", "--root", root})
		_, err := os.Stat(filepath.Join(root, "data/hazards/2026-11/E01.csv"))
		if code != wantCode || (code == ExitInvalid) != (err != nil) {
			t.Errorf("at %s: exit %d (file written: %v), want %d\n%s%s", clock, code, err == nil, wantCode, &out, &errb)
		}
		if code == ExitInvalid && !strings.Contains(out.String(), "data/hazards/2026-11/E01.csv 是 2026-11 的排查表，但 2026-11 要到 2026-11-30T23:59:59+08:00 才结束（现在 2026-11-30T23:59:59+08:00）") {
			t.Errorf("message:\n%s", &out)
		}
	}
}

// TestImportFractionalReceipt (adversarial review G4): --received-at with a
// fraction of a second is refused like receipts.csv refuses it, before
// anything is written.
func TestImportFractionalReceipt(t *testing.T) {
	root := tinyCopy(t)
	target := filepath.Join(root, "data/rectifications/2026-10/310118102.csv")
	before := mustRead(t, target)
	src := filepath.Join(t.TempDir(), "汇总表.csv")
	if err := os.WriteFile(src, []byte(before), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run("import", src, "--replace", "--received-at", "2026-11-25T23:59:59.5+08:00", "--form", "rectifications",
		"--month", "2026-10", "--submitter", "310118102", "--root", root)
	want := "--received-at：收件时间“2026-11-25T23:59:59.5+08:00”带有不足一秒的部分：收件时间只记到秒（截止时间是 23:59:59，网站也只显示到分）；写成 2026-11-25T23:59:59+08:00（去掉小数部分）"
	if code != ExitFailure || !strings.Contains(errOut, want) {
		t.Errorf("exit %d\n%s\n%s\nwant %s", code, out, errOut, want)
	}
	if _, err := os.Stat(filepath.Join(root, "data/receipts.csv")); err == nil {
		t.Errorf("receipts.csv written")
	}
}

// TestImportFutureReceipt (review round 4, H8): --received-at later than
// now is refused like receipts.csv refuses it (received_at.future: every
// later build would stop), before anything is written; now itself is
// accepted.
func TestImportFutureReceipt(t *testing.T) {
	root := tinyCopy(t)
	target := filepath.Join(root, "data/rectifications/2026-10/310118102.csv")
	before := mustRead(t, target)
	src := filepath.Join(t.TempDir(), "汇总表.csv")
	if err := os.WriteFile(src, []byte(before), 0o644); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 3, 10, 0, 0, 0, sh)
	code, out, errOut := runAt(now, "import", src, "--replace", "--received-at", "2026-12-30T10:00:00+08:00", "--form", "rectifications",
		"--month", "2026-10", "--submitter", "310118102", "--root", root)
	want := "--received-at：收件时间 2026-12-30T10:00:00+08:00 晚于现在（2026-12-03T10:00:00+08:00）：不能登记将来的收件时间（填写实际收到文件的时间；文件尚未收到时先不要登记）。未写入任何文件。"
	if code != ExitFailure || !strings.Contains(errOut, want) {
		t.Errorf("exit %d\n%s\n%s\nwant %s", code, out, errOut, want)
	}
	if _, err := os.Stat(filepath.Join(root, "data/receipts.csv")); err == nil {
		t.Errorf("receipts.csv written")
	}
	if mustRead(t, target) != before {
		t.Errorf("%s changed", target)
	}
	if code, out, errOut := runAt(now, "import", src, "--replace", "--received-at", "2026-12-03T10:00:00+08:00", "--form", "rectifications",
		"--month", "2026-10", "--submitter", "310118102", "--root", root); code != ExitOK {
		t.Errorf("a receipt at now: exit %d\n%s\n%s", code, out, errOut)
	}
}

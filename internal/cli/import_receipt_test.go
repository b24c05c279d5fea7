package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"lpg/internal/calendar"
)

// TestImportReceiptThroughCSVIO (issue 10): lpg import reads
// data/receipts.csv as lpg reads any CSV (BOM, CRLF, columns in another
// order), keeps its rows, writes it canonical, and stamps a receipt given
// without --received-at with the command's clock, not the machine's.
func TestImportReceiptThroughCSVIO(t *testing.T) {
	root := t.TempDir()
	if err := os.CopyFS(root, os.DirFS("testdata/tiny")); err != nil {
		t.Fatal(err)
	}
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
	if code, vout, _ := run("validate", "--root", root); code != ExitOK {
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

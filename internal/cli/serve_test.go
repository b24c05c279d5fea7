package cli

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// waitFor polls cond every 100 ms until it holds or 60 s have passed.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for i := 0; i < 600; i++ {
		if cond() {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("gave up waiting for %s", what)
}

func get(url string) string {
	resp, err := http.Get(url)
	if err != nil {
		return ""
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// TestServeRebuildsOnChange: serve builds, serves on loopback, and rebuilds
// when a file under data/ changes.
func TestServeRebuildsOnChange(t *testing.T) {
	root := repoCopy(t)
	errb := &syncBuffer{}
	c := &Command{Stdout: io.Discard, Stderr: errb}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- (&serveCmd{c: c}).Run(ctx, []string{"--root", root, "--addr", "127.0.0.1:0", "--as-of", "2026-11-29T12:00:00+08:00"})
	}()
	re := regexp.MustCompile(`http://(127\.0\.0\.1:\d+)/`)
	var base string
	waitFor(t, "the server address", func() bool {
		m := re.FindStringSubmatch(errb.String())
		if m != nil {
			base = "http://" + m[1] + "/"
		}
		return m != nil
	})
	if page := get(base + "liaisons/index.html"); !strings.Contains(page, "顾文华") {
		t.Fatalf("liaisons page not served:\n%.300s", page)
	}
	p := filepath.Join(root, "data/liaisons.csv")
	b, _ := os.ReadFile(p)
	if err := os.WriteFile(p, []byte(strings.Replace(string(b), "顾文华", "顾新华", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the rebuilt page", func() bool { return strings.Contains(get(base+"liaisons/index.html"), "顾新华") })
	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve returned %v", err)
	}
}

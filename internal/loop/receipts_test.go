package loop

import (
	"reflect"
	"testing"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/model"
	"lpg/internal/validate"
)

func TestForgeReceipts(t *testing.T) {
	opened := time.Date(2026, 11, 20, 2, 0, 0, 0, time.UTC) // 10:00 in Shanghai
	pr := PullRequest{Number: 12, OpenedAt: opened, Merge: "abcdef0123456789"}
	note := "pull request #12 创建时间（forge 记录），合并提交 abcdef0"
	tests := []struct {
		name     string
		added    []string
		recorded map[string]bool
		want     []ReceiptLine
	}{
		{"new hazard file", []string{"data/hazards/2026-10/E01.csv"}, nil,
			[]ReceiptLine{{"data/hazards/2026-10/E01.csv", "2026-11-20T10:00:00+08:00", "pr", note}}},
		{"two files sorted, other paths ignored",
			[]string{"data/rectifications/2026-09/310118102.csv", "data/hazards/2026-10/E02.csv", "data/liaisons.csv", "README.md", "data/hazards/2026-10/README.md"}, nil,
			[]ReceiptLine{{"data/hazards/2026-10/E02.csv", "2026-11-20T10:00:00+08:00", "pr", note},
				{"data/rectifications/2026-09/310118102.csv", "2026-11-20T10:00:00+08:00", "pr", note}}},
		{"append-only: a listed path keeps its line (代报 or an earlier pull request)",
			[]string{"data/hazards/2026-10/E01.csv"}, map[string]bool{"data/hazards/2026-10/E01.csv": true}, nil},
		{"duplicates once", []string{"data/hazards/2026-10/E01.csv", "data/hazards/2026-10/E01.csv"}, nil,
			[]ReceiptLine{{"data/hazards/2026-10/E01.csv", "2026-11-20T10:00:00+08:00", "pr", note}}},
		{"nothing added", nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ForgeReceipts(pr, tt.added, tt.recorded)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestReceiptRule plays the cases of issue 11 through the chain a build
// uses (receipts.csv, then git): a forge receipt beats a forged commit date
// and a slow reviewer's merge time; without one the git rule stays.
func TestReceiptRule(t *testing.T) {
	const path = "data/hazards/2026-10/E01.csv"
	at := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	d := &model.Dataset{Files: []model.File{{Path: path, Form: model.FormHazards, Month: calendar.Month{Year: 2026, Month: 10}, Submitter: "E01"}}}
	asOf := at("2026-12-31T00:00:00+08:00")
	tests := []struct {
		name   string
		ledger map[string]time.Time // receipts.csv
		git    map[string]time.Time // first first-parent commit containing the path
		want   string
		status string
	}{
		{"backdated commit merged fast-forward: forge says opened 12-10",
			map[string]time.Time{path: at("2026-12-10T09:00:00+08:00")}, map[string]time.Time{path: at("2026-11-20T09:00:00+08:00")},
			"2026-12-10T09:00:00+08:00", Late},
		{"opened 11-20, merge commit on 11-26: on time",
			map[string]time.Time{path: at("2026-11-20T09:00:00+08:00")}, map[string]time.Time{path: at("2026-11-26T15:00:00+08:00")},
			"2026-11-20T09:00:00+08:00", OnTime},
		{"no forge record: committer time of the first first-parent commit",
			nil, map[string]time.Time{path: at("2026-11-26T15:00:00+08:00")},
			"2026-11-26T15:00:00+08:00", Late},
		{"deadline in Shanghai: 25th 23:59:59 +08:00 is on time",
			map[string]time.Time{path: at("2026-11-25T15:59:59Z")}, nil,
			"2026-11-25T23:59:59+08:00", OnTime},
		{"no record at all: unknown, never late", nil, nil, "", Unknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Evaluate1(d, Chain{ReceiptMap(tt.ledger), ReceiptMap(tt.git)}, model.FormHazards, calendar.Month{Year: 2026, Month: 10}, "E01", asOf, asOf)
			got := ""
			if s.ReceivedAt != nil {
				got = *s.ReceivedAt
			}
			if got != tt.want || s.Status != tt.status {
				t.Errorf("received %q %s, want %q %s", got, s.Status, tt.want, tt.status)
			}
		})
	}
}

func TestReceiptSource(t *testing.T) {
	tests := []struct {
		channel     string
		listed, git bool
		want        string
	}{
		{"pr", true, true, "pull request 创建时间（forge 记录）"},
		{"email", true, true, "代报收件记录（email）"},
		{"", true, false, "代报收件记录"},
		{"", false, true, "主线提交时间（无 forge 记录）"},
		{"", false, false, "无记录"},
	}
	for _, tt := range tests {
		if got := ReceiptSource(tt.channel, tt.listed, tt.git); got != tt.want {
			t.Errorf("ReceiptSource(%q, %v, %v) = %q, want %q", tt.channel, tt.listed, tt.git, got, tt.want)
		}
	}
}

// TestLedger (README 收件记录只能把收件时间提前; adversarial review G7): a
// receipts.csv line later than the file's first appearance on the main line
// does not push the receipt later — git's time counts — except a forge
// line (channel pr), which stands; without git the line is all there is.
func TestLedger(t *testing.T) {
	const p = "data/rectifications/2026-09/310118102.csv"
	at := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	git := ReceiptMap{p: at("2026-11-29T22:04:08+08:00")}
	for _, tt := range []struct {
		name      string
		line      string // "" : no line
		channel   string
		git       Receipts
		want      string // "" : not known
		overruled bool
	}{
		{"代报 earlier than git: the line", "2026-11-08T23:59:59+08:00", "email", git, "2026-11-08T23:59:59+08:00", false},
		{"代报 later than git (mistyped 12-08): git's time", "2026-12-08T23:59:59+08:00", "email", git, "2026-11-29T22:04:08+08:00", true},
		{"equal: the line", "2026-11-29T22:04:08+08:00", "email", git, "2026-11-29T22:04:08+08:00", false},
		{"forge line later than git (rebase kept a backdated commit): the line", "2026-12-01T09:00:00+08:00", "pr", git, "2026-12-01T09:00:00+08:00", false},
		{"forge channel written PR with spaces: the line", "2026-12-01T09:00:00+08:00", " PR ", git, "2026-12-01T09:00:00+08:00", false},
		{"no git: the line", "2026-12-08T23:59:59+08:00", "email", nil, "2026-12-08T23:59:59+08:00", false},
		{"git knows nothing of the path: the line", "2026-12-08T23:59:59+08:00", "email", ReceiptMap{}, "2026-12-08T23:59:59+08:00", false},
		{"no line: not known here (the chain asks git next)", "", "", git, "", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			l := Ledger{Lines: map[string]time.Time{}, Channels: map[string]string{}, Git: tt.git}
			if tt.line != "" {
				l.Lines[p], l.Channels[p] = at(tt.line), tt.channel
			}
			got, ok := l.ReceivedAt(p)
			s := ""
			if ok {
				s = calendar.FormatTime(got)
			}
			if s != tt.want {
				t.Errorf("ReceivedAt = %q, want %q", s, tt.want)
			}
			if _, over := l.Overruled(p); over != tt.overruled {
				t.Errorf("Overruled = %v, want %v", over, tt.overruled)
			}
		})
	}
	if got, want := OverruledSource(at("2026-12-08T23:59:59+08:00")), "主线提交时间（收件记录登记的 2026-12-08T23:59:59+08:00 晚于它，不采用）"; got != want {
		t.Errorf("OverruledSource = %q, want %q", got, want)
	}
}

// TestForgeUpdates (review round 3, G16): one line per file already
// received and commit that changed it, at the pull request's creation
// time in Asia/Shanghai, channel pr, naming the commit by its full hash
// so that validate reads it back as an update line; a (path, commit)
// already recorded or given twice and a path that is no submission get
// none; recorded is not changed.
func TestForgeUpdates(t *testing.T) {
	const a, b = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
	const e01, e02 = "data/hazards/2026-08/E01.csv", "data/hazards/2026-08/E02.csv"
	pr := PullRequest{Number: 12, OpenedAt: time.Date(2026, 9, 24, 2, 0, 0, 0, time.UTC), Merge: b}
	line := func(p, c string) ReceiptLine {
		return ReceiptLine{Path: p, ReceivedAt: "2026-09-24T10:00:00+08:00", Channel: "pr",
			Note: "pull request #12 合并提交 " + c + "（已收到文件的后续改动，收件时间为 pull request 创建时间）"}
	}
	tests := []struct {
		name     string
		updates  []Update
		recorded map[string]bool
		want     []ReceiptLine
	}{
		{"merge commit", []Update{{e01, b}}, map[string]bool{e01: true}, []ReceiptLine{line(e01, b)}},
		{"rebase: two commits", []Update{{e01, a}, {e02, a}, {e01, b}}, nil, []ReceiptLine{line(e01, a), line(e02, a), line(e01, b)}},
		{"recorded", []Update{{e01, a}, {e01, b}}, map[string]bool{e01 + " " + a: true}, []ReceiptLine{line(e01, b)}},
		{"twice, and no submission", []Update{{e01, b}, {e01, b}, {"data/reference/towns.csv", b}}, nil, []ReceiptLine{line(e01, b)}},
		{"none", nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := len(tt.recorded)
			got := ForgeUpdates(pr, tt.updates, tt.recorded)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ForgeUpdates =\n%v\nwant\n%v", got, tt.want)
			}
			if len(tt.recorded) != n {
				t.Errorf("recorded changed: %v", tt.recorded)
			}
			for _, l := range got {
				if c, ok := validate.ReceiptMerge(l.Channel, l.Note); !ok || l.Note != line(l.Path, c).Note {
					t.Errorf("validate.ReceiptMerge(%q) = %q, %v", l.Note, c, ok)
				}
			}
		})
	}
}

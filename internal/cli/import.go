package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/csvio"
	"lpg/internal/diag"
	"lpg/internal/form"
	"lpg/internal/validate"
	"lpg/internal/workbook"
)

type importCmd struct {
	c          *Command
	root       rootFlag
	form       string
	month      string
	submitter  string
	receivedAt string
	channel    string
	note       string
}

// Run imports a clerk's file (.xlsx, .csv, .txt, an .xls that is really
// CSV): it reads it with every normalisation lpg knows, validates it in the
// context of the repository as if it were already in place, and only then
// writes the canonical UTF-8 CSV to data/<form>/YYYY-MM/<submitter>.csv.
// With --received-at or --channel it also records the receipt in
// data/receipts.csv (for files that came by e-mail: 代报).
func (m *importCmd) Run(_ context.Context, args []string) error {
	fs := newFlagSet(m.c, "import")
	m.root.register(fs)
	fs.StringVar(&m.form, "form", "", "表的种类：hazards（排查表）或 rectifications（汇总表）")
	fs.StringVar(&m.month, "month", "", "月份 YYYY-MM（默认：从隐患编号推断）")
	fs.StringVar(&m.submitter, "submitter", "", "企业编号或街镇代码（默认：从隐患编号推断）")
	fs.StringVar(&m.receivedAt, "received-at", "", "代报：收件时间 RFC 3339，写入 data/receipts.csv")
	fs.StringVar(&m.channel, "channel", "", "代报：收件渠道（如 email），写入 data/receipts.csv")
	fs.StringVar(&m.note, "note", "代报", "代报：备注")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("用法：lpg import 文件 --form hazards|rectifications [--month YYYY-MM] [--submitter ID]")
	}
	if m.form != form.Hazards && m.form != form.Rectifications {
		return usagef("--form 只能是 hazards（排查表）或 rectifications（汇总表）")
	}
	dir, err := m.root.fs()
	if err != nil {
		return err
	}
	src := pos[0]
	raw, err := os.ReadFile(src)
	if err != nil {
		return usagef("读不到文件 %q：%v", src, err)
	}
	text := raw
	if strings.EqualFold(filepath.Ext(src), ".xlsx") {
		var sheet string
		if text, sheet, err = workbook.ReadXLSX(raw); err != nil {
			return usagef("%s：%v（请确认是 Excel 2007 以上的 .xlsx 文件）", src, err)
		}
		fmt.Fprintf(m.c.Stderr, "读取工作表“%s”。\n", sheet)
	}
	target, err := m.target(dir, text)
	if err != nil {
		return err
	}
	res, err := validate.Repository(validate.WithFile(os.DirFS(dir), target, text), []string{target})
	if err != nil {
		return err
	}
	sum := diag.NewSummary(res.Files, res.Rows, &res.Diags)
	fmt.Fprintf(m.c.Stdout, "%s → %s\n", src, target)
	if err := diag.WriteText(m.c.Stdout, sum); err != nil {
		return err
	}
	if len(sum.Errors) > 0 {
		fmt.Fprintln(m.c.Stdout, "有错误，未写入任何文件。请按提示在 Excel 中改正后重新导入。")
		return errInvalid
	}
	out, ok := res.Canonical(target)
	if !ok {
		return fmt.Errorf("internal: no canonical form for %s", target)
	}
	if err := writeFileAtomic(filepath.Join(dir, filepath.FromSlash(target)), out); err != nil {
		return err
	}
	fmt.Fprintf(m.c.Stdout, "已写入 %s（%d 行）。\n", target, res.Rows)
	if m.receivedAt != "" || m.channel != "" {
		return m.recordReceipt(dir, target)
	}
	return nil
}

// target works out data/<form>/YYYY-MM/<submitter>.csv from the flags or,
// failing them, from the hazard ids in the file (E01-202607-0001: E01,
// 2026-07) and, for a 汇总表, from the towns of those hazards.
func (m *importCmd) target(dir string, text []byte) (string, error) {
	t, _ := csvio.Read("import", text, form.Get(m.form).Columns)
	ids := map[string]int{}
	var hazardIDs []string
	if t != nil {
		for _, r := range t.Records {
			id := csvio.CleanCode(r.Values["hazard_id"]).Value
			parts := strings.Split(id, "-")
			if len(parts) == 3 && len(parts[1]) == 6 {
				ids[parts[0]+"|"+parts[1][:4]+"-"+parts[1][4:]]++
				hazardIDs = append(hazardIDs, id)
			}
		}
	}
	month, sub := m.month, m.submitter
	if best := mostCommon(ids); best != "" {
		ent, mon, _ := strings.Cut(best, "|")
		if month == "" {
			month = mon
		}
		if sub == "" && m.form == form.Hazards {
			sub = ent
		}
	}
	if sub == "" && m.form == form.Rectifications && len(hazardIDs) > 0 {
		res, err := loadRepository(dir, nil)
		if err != nil {
			return "", err
		}
		byID := res.Data.HazardByID()
		towns := map[string]int{}
		for _, id := range hazardIDs {
			if h := byID[id]; h != nil {
				towns[h.Town]++
			}
		}
		sub = mostCommon(towns)
	}
	if _, err := calendar.ParseMonth(month); err != nil {
		return "", usagef("无法确定月份：请用 --month YYYY-MM 指定")
	}
	if sub == "" {
		return "", usagef("无法确定提交单位：请用 --submitter 指定企业编号或 9 位街镇代码")
	}
	return "data/" + m.form + "/" + month + "/" + sub + ".csv", nil
}

func mostCommon(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	best, n := "", 0
	for _, k := range keys {
		if m[k] > n {
			best, n = k, m[k]
		}
	}
	return best
}

// recordReceipt appends target to data/receipts.csv unless it is listed
// already (the first receipt of a file counts; DESIGN.md "Time").
func (m *importCmd) recordReceipt(dir, target string) error {
	at := time.Now().In(calendar.Shanghai)
	if m.receivedAt != "" {
		t, err := time.Parse(time.RFC3339, m.receivedAt)
		if err != nil {
			return usagef("--received-at %q 不是 RFC 3339 时间（如 2026-11-20T09:30:00+08:00）", m.receivedAt)
		}
		at = t
	}
	channel := m.channel
	if channel == "" {
		channel = "email"
	}
	p := filepath.Join(dir, "data", "receipts.csv")
	old, err := os.ReadFile(p)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	if len(old) == 0 {
		old = []byte("path,received_at,channel,note\n")
	}
	for _, l := range strings.Split(string(old), "\n") {
		if strings.HasPrefix(l, target+",") {
			fmt.Fprintf(m.c.Stdout, "data/receipts.csv 已有 %s 的收件记录，保留最早的一条：%s\n", target, l)
			return nil
		}
	}
	if !strings.HasSuffix(string(old), "\n") {
		old = append(old, '\n')
	}
	line := strings.Join([]string{target, calendar.FormatTime(at), csvField(channel), csvField(m.note)}, ",") + "\n"
	if err := writeFileAtomic(p, append(old, line...)); err != nil {
		return err
	}
	fmt.Fprintf(m.c.Stdout, "已在 data/receipts.csv 记录收件时间 %s。\n", calendar.FormatTime(at))
	return nil
}

func csvField(s string) string {
	if strings.ContainsAny(s, ",\"\n\r") {
		return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
	}
	return s
}

// writeFileAtomic writes data to a temporary file beside p and renames it
// over p, so p is never half-written.
func writeFileAtomic(p string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(p), ".lpg-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, werr := f.Write(data)
	cerr := f.Close()
	if werr != nil || cerr != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %v %v", p, werr, cerr)
	}
	if err := os.Chmod(tmp, 0o644); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, p)
}

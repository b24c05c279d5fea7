// Package testrepo builds data repositories for tests and benchmarks:
// a copy of the sample data/ scaled up by a factor, and git histories built
// object by object (git.go: full snapshots; builder.go: changes on top of
// the previous commit, with checkout). It is used only from _test.go files.
package testrepo

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Scaled writes into dir a copy of the data repository at src (a directory
// holding data/) in which every enterprise is cloned factor-1 times (ids
// E01 → E01, X1E01, X2E01, …) together with its hazard files and the
// towns' rectification rows for those hazards, so the copy has factor times
// the hazards and rectifications and is valid whenever src is.
func Scaled(src, dir string, factor int) error {
	if err := os.CopyFS(filepath.Join(dir, "data"), os.DirFS(filepath.Join(src, "data"))); err != nil {
		return err
	}
	data := filepath.Join(dir, "data")
	ents, err := os.ReadFile(filepath.Join(data, "reference", "enterprises.csv"))
	if err != nil {
		return err
	}
	lines := strings.Split(strings.TrimRight(string(ents), "\n"), "\n")
	var ids []string
	out := []string{lines[0]}
	for k := 0; k < factor; k++ {
		for _, l := range lines[1:] {
			id := strings.SplitN(l, ",", 2)[0]
			if k == 0 {
				ids = append(ids, id)
				out = append(out, l)
				continue
			}
			out = append(out, prefix(k, id)+strings.TrimPrefix(l, id))
		}
	}
	if err := os.WriteFile(filepath.Join(data, "reference", "enterprises.csv"), []byte(strings.Join(out, "\n")+"\n"), 0o644); err != nil {
		return err
	}
	// hazard files
	hz, _ := filepath.Glob(filepath.Join(data, "hazards", "*", "*.csv"))
	for _, f := range hz {
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		id := strings.TrimSuffix(filepath.Base(f), ".csv")
		for k := 1; k < factor; k++ {
			s := strings.ReplaceAll(string(b), "\n"+id+"-", "\n"+prefix(k, id)+"-")
			if err := os.WriteFile(filepath.Join(filepath.Dir(f), prefix(k, id)+".csv"), []byte(s), 0o644); err != nil {
				return err
			}
		}
	}
	// rectification rows
	rc, _ := filepath.Glob(filepath.Join(data, "rectifications", "*", "*.csv"))
	for _, f := range rc {
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		rows := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
		var buf strings.Builder
		buf.WriteString(string(b))
		if !strings.HasSuffix(string(b), "\n") {
			buf.WriteString("\n")
		}
		for k := 1; k < factor; k++ {
			for _, r := range rows[1:] {
				for _, id := range ids {
					if strings.HasPrefix(r, id+"-") {
						r = prefix(k, id) + strings.TrimPrefix(r, id)
						break
					}
				}
				buf.WriteString(r + "\n")
			}
		}
		if err := os.WriteFile(f, []byte(buf.String()), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func prefix(k int, id string) string { return fmt.Sprintf("X%d%s", k, id) }

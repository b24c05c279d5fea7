package render

import (
	"bytes"
	"math"
	"math/rand"
	"strings"
	"testing"
	"time"

	"lpg/internal/calendar"
)

// randomSheets builds up to 12 sheets of random cells of every kind book
// takes, from seed.
func randomSheets(seed int64, extra string) []sheet {
	rng := rand.New(rand.NewSource(seed))
	pieces := []string{"", " ", "\t", "\n", "\r", "\r\n", "&", "<", ">", "\"", "'", "_x", "_x0041_", "_x005F_", "_X00aF_", "x0041_",
		"\x00", "\x01", "\x1f", "\x7f", "\u0085", "\u00a0", "\u2028", "\uFFFD", "\uFFFE", "\uFFFF", "\xff", "\xed\xa0\x80", "\xf4\x90\x80\x80",
		"王", "**", "😀", "lpg-rows-1", `<row r="2"><c r="A2" t="inlineStr"><is><t>lpg-rows-0</t></is></c></row>`, "]]>", "&#xA;", "&amp;", extra}
	text := func() string {
		var b strings.Builder
		for n := rng.Intn(8); n > 0; n-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		return b.String()
	}
	cell := func() any {
		switch rng.Intn(9) {
		case 0:
			return nil
		case 1:
			return text()
		case 2:
			return longText(strings.Repeat(text(), rng.Intn(6)))
		case 3:
			return rng.Intn(2000001) - 1000000
		case 4:
			return pct(rng.NormFloat64())
		case 5:
			return []float64{0, math.Copysign(0, -1), 1e21, -1e-300, 0.1 + 0.2, 123456789012345678, rng.NormFloat64() * 1e6}[rng.Intn(7)]
		case 6:
			d := time.Date(1901, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.Intn(109200))
			return calendar.Date{Year: d.Year(), Month: d.Month(), Day: d.Day()}
		case 7:
			return calendar.Date{}
		default:
			return pct(float64(rng.Intn(10001)) / 10000)
		}
	}
	n := 1 + rng.Intn(12)
	var out []sheet
	for i := 0; i < n; i++ {
		sh := sheet{Name: "S" + string(rune('A'+i))}
		for c := rng.Intn(30); c > 0; c-- {
			sh.Head = append(sh.Head, text())
		}
		for r := rng.Intn(12); r > 0; r-- {
			row := make([]any, rng.Intn(35))
			for c := range row {
				row[c] = cell()
			}
			sh.Rows = append(sh.Rows, row)
		}
		// longText no higher than Excel allows (else excelize refuses
		// the row and fastRows the workbook)
		w := columnWidths(sh)
		for _, row := range sh.Rows {
			for c, v := range row {
				if x, ok := v.(longText); ok && longTextHeight(x, c, w) > maxRowHeight {
					row[c] = longText(x[:min(len(x), 40)])
				}
			}
		}
		out = append(out, sh)
	}
	return out
}

// FuzzRowsWriterSheets compares book's row writer with excelize on random
// workbooks of up to 12 sheets (placeholders lpg-rows-1 and lpg-rows-10),
// every cell kind, random heads and row lengths.
func FuzzRowsWriterSheets(f *testing.F) {
	for s := int64(0); s < 40; s++ {
		f.Add(s, "")
	}
	f.Fuzz(func(t *testing.T, seed int64, extra string) {
		sheets := randomSheets(seed, extra)
		widths := sheetWidths(sheets)
		if !fastRows(sheets, widths) {
			t.Logf("seed %d: refused", seed)
			return
		}
		fast, err := writeBook(sheets, widths, true)
		ref, rerr := bookExcelize(sheets)
		if (err == nil) != (rerr == nil) {
			t.Fatalf("seed %d: row writer %v, excelize %v", seed, err, rerr)
		}
		if err == nil && !bytes.Equal(fast, ref) {
			t.Errorf("seed %d: workbooks differ%s", seed, firstDiff(t, fast, ref))
		}
	})
}

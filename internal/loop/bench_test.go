package loop

import (
	"os"
	"testing"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/validate"
)

// BenchmarkMonthlyReport computes every report month of the sample data
// (6 months at 2026-11-29) as a build does (render applies Known once):
// the per-report cost issue 9 must not raise.
func BenchmarkMonthlyReport(b *testing.B) {
	res, err := validate.Repository(os.DirFS("../.."), nil)
	if err != nil {
		b.Fatal(err)
	}
	asOf := time.Date(2026, 11, 29, 12, 0, 0, 0, calendar.Shanghai)
	rec := ReceiptMap(res.Data.Receipts)
	d := Known(res.Data, rec, asOf)
	months := ReportMonths(d, asOf)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		for _, m := range months {
			MonthlyReport(d, rec, m, asOf, "")
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(months))/1e6, "ms/report")
}

package workbook

import (
	"bytes"
	"io"
	"math/rand"
	"testing"

	kflate "github.com/klauspost/compress/flate"
)

// TestDeflaterReuseDeterministic (review round 8): a pooled writer that
// compressed other data before, written to in pieces of any size, gives
// the same bytes as a fresh one, and they inflate back: a workbook's bytes
// do not depend on what the process compressed before.
func TestDeflaterReuseDeterministic(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	gen := func(n int, alpha int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte('a' + rng.Intn(alpha))
		}
		// some repeats
		for i := 0; i+300 < n; i += 1000 {
			copy(b[i+100:i+300], b[i:i+200])
		}
		return b
	}
	fresh := func(x []byte) []byte {
		var out bytes.Buffer
		w, _ := kflate.NewWriter(&out, kflate.DefaultCompression)
		w.Write(x)
		w.Close()
		return out.Bytes()
	}
	pooled := func(x []byte, chunks int) []byte {
		var out bytes.Buffer
		w, err := Deflater(&out)
		if err != nil {
			t.Fatal(err)
		}
		step := max(1, len(x)/chunks)
		for i := 0; i < len(x); i += step {
			w.Write(x[i:min(len(x), i+step)])
		}
		w.Close()
		return out.Bytes()
	}
	targets := [][]byte{gen(10, 4), gen(70000, 3), gen(1<<20, 20), gen(2<<20, 2)}
	for round := 0; round < 6; round++ {
		// dirty the pool
		for k := 0; k < 3; k++ {
			pooled(gen(rng.Intn(1<<20), 1+rng.Intn(30)), 1+rng.Intn(50))
		}
		for ti, x := range targets {
			want := fresh(x)
			got := pooled(x, 1+rng.Intn(100))
			if !bytes.Equal(got, want) {
				t.Fatalf("round %d target %d: pooled %d bytes, fresh %d bytes", round, ti, len(got), len(want))
			}
			r := kflate.NewReader(bytes.NewReader(got))
			back, err := io.ReadAll(r)
			if err != nil || !bytes.Equal(back, x) {
				t.Fatalf("round %d target %d: roundtrip %v", round, ti, err)
			}
		}
	}
}

// TestDeflaterAcrossBufferReset (review round 8): a writer whose position
// passes klauspost's bufferReset (about 2 GiB through one writer, which a
// pooled writer reaches in a long lpg serve or a large build) gives the
// same bytes as a fresh one, whether the reset falls inside a stream
// (65,300, 65,510 or 65,518 tiny streams before) or at its start (65,540).
func TestDeflaterAcrossBufferReset(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	x := make([]byte, 8<<20)
	for i := range x {
		x[i] = byte('a' + rng.Intn(6))
	}
	for i := 0; i+3000 < len(x); i += 5000 {
		copy(x[i+1000:i+3000], x[i:i+2000])
	}
	var want bytes.Buffer
	fw, _ := kflate.NewWriter(&want, kflate.DefaultCompression)
	fw.Write(x)
	fw.Close()
	for _, n := range []int{65300, 65510, 65518, 65540} {
		w, _ := kflate.NewWriter(io.Discard, kflate.DefaultCompression)
		for k := 0; k < n; k++ {
			w.Reset(io.Discard)
			w.Write([]byte{byte(k)})
			w.Close()
		}
		var got bytes.Buffer
		w.Reset(&got)
		for i := 0; i < len(x); i += 4096 {
			w.Write(x[i:min(len(x), i+4096)])
		}
		w.Close()
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("after %d streams: %d bytes, fresh %d", n, got.Len(), want.Len())
		}
	}
}

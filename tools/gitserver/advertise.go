package main

// The protocol v0/v1 ref advertisement of upload-pack, read from the repository's files instead of
// forked from git. Forking git costs about 10 ms of CPU on the benchmark VM, once per clone, on the
// same two cores as the controller being measured. The pack itself still comes from git.
//
// Only the plain layout is handled: HEAD as a symbolic ref to an existing branch, loose refs and
// packed-refs, and tags whose object type is readable from a loose object or peeled in packed-refs.
// Anything else (an empty repository, a detached HEAD, a packed tag object, a symbolic ref below
// refs/) returns ok=false and the caller asks git.

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
)

var oidPattern = regexp.MustCompile(`^[0-9a-f]{40}$`)

// git's capability list, learnt from git's own first advertisement, without its symref= entry.
var capabilities struct {
	sync.Mutex
	before, after string
	known         bool
}

// learnCapabilities remembers the capability list of a v0 advertisement made by git.
func learnCapabilities(advertisement []byte) {
	line, _, _ := bytes.Cut(advertisement, []byte("\n"))
	_, caps, found := bytes.Cut(line, []byte{0})
	if !found {
		return
	}
	var before, after []string
	seen := false
	for _, c := range strings.Fields(string(caps)) {
		switch {
		case strings.HasPrefix(c, "symref="):
			seen = true
		case seen:
			after = append(after, c)
		default:
			before = append(before, c)
		}
	}
	if !seen {
		return
	}
	capabilities.Lock()
	defer capabilities.Unlock()
	capabilities.before, capabilities.after, capabilities.known = strings.Join(before, " "), strings.Join(after, " "), true
}

type ref struct {
	name, oid, peeled string
}

// advertiseRefs is advertise, unless --git-advertise turned it off.
var advertiseRefs = advertise

// advertise builds upload-pack's v0 advertisement for the bare repository in dir (without the
// "# service" preamble), or returns ok=false when git must be asked.
func advertise(dir string) (out []byte, ok bool) {
	capabilities.Lock()
	before, after, known := capabilities.before, capabilities.after, capabilities.known
	capabilities.Unlock()
	if !known {
		return nil, false
	}
	head, err := os.ReadFile(filepath.Join(dir, "HEAD"))
	if err != nil || !bytes.HasPrefix(head, []byte("ref: refs/")) {
		return nil, false
	}
	headRef := strings.TrimSpace(strings.TrimPrefix(string(head), "ref: "))
	refs, ok := readRefs(dir)
	if !ok || len(refs) == 0 {
		return nil, false
	}
	var headOID string
	for _, r := range refs {
		if r.name == headRef {
			headOID = r.oid
		}
	}
	if headOID == "" {
		return nil, false
	}
	var b bytes.Buffer
	caps := before + " symref=HEAD:" + headRef + " " + after
	writePkt(&b, headOID+" HEAD\x00"+strings.TrimSpace(caps)+"\n")
	for _, r := range refs {
		writePkt(&b, r.oid+" "+r.name+"\n")
		if r.peeled != "" {
			writePkt(&b, r.peeled+" "+r.name+"^{}\n")
		}
	}
	b.WriteString("0000")
	return b.Bytes(), true
}

func writePkt(b *bytes.Buffer, line string) {
	fmt.Fprintf(b, "%04x%s", len(line)+4, line)
}

// readRefs merges packed-refs and loose refs (loose wins), sorted by name, each tag peeled.
func readRefs(dir string) ([]ref, bool) {
	byName := map[string]*ref{}
	packedPeeled := map[string]bool{}
	if f, err := os.Open(filepath.Join(dir, "packed-refs")); err == nil {
		defer f.Close()
		fullyPeeled := false
		var last *ref
		scanner := bufio.NewScanner(f)
		for scanner.Scan() {
			line := scanner.Text()
			switch {
			case strings.HasPrefix(line, "#"):
				fullyPeeled = strings.Contains(line, " fully-peeled")
			case strings.HasPrefix(line, "^"):
				if last == nil || !oidPattern.MatchString(line[1:]) {
					return nil, false
				}
				last.peeled = line[1:]
			default:
				oid, name, found := strings.Cut(line, " ")
				if !found || !oidPattern.MatchString(oid) {
					return nil, false
				}
				last = &ref{name: name, oid: oid}
				byName[name] = last
				packedPeeled[name] = fullyPeeled
			}
		}
		if scanner.Err() != nil {
			return nil, false
		}
	}
	ok := true
	err := filepath.WalkDir(filepath.Join(dir, "refs"), func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			ok = false
			return filepath.SkipAll
		}
		rel, _ := filepath.Rel(dir, path)
		name := filepath.ToSlash(rel)
		if strings.HasSuffix(name, ".lock") {
			return nil
		}
		content, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		oid := strings.TrimSpace(string(content))
		if !oidPattern.MatchString(oid) {
			ok = false // a symbolic ref, or something being written
			return filepath.SkipAll
		}
		byName[name] = &ref{name: name, oid: oid}
		packedPeeled[name] = false
		return nil
	})
	if err != nil || !ok {
		return nil, false
	}
	refs := make([]ref, 0, len(byName))
	for name, r := range byName {
		if !packedPeeled[name] {
			peeled, known := peel(dir, r.oid)
			if !known {
				return nil, false
			}
			r.peeled = peeled
		}
		refs = append(refs, *r)
	}
	sort.Slice(refs, func(i, j int) bool { return refs[i].name < refs[j].name })
	return refs, true
}

// peel follows annotated tags, read as loose objects, down to what they point at; "" for a non-tag.
func peel(dir, oid string) (string, bool) {
	current := oid
	for depth := 0; depth < 16; depth++ {
		kind, body, ok := readLoose(dir, current)
		if !ok {
			return "", false
		}
		if kind != "tag" {
			if current == oid {
				return "", true
			}
			return current, true
		}
		target, found := strings.CutPrefix(string(body), "object ")
		if !found || len(target) < 40 || !oidPattern.MatchString(target[:40]) {
			return "", false
		}
		current = target[:40]
	}
	return "", false
}

// readLoose returns a loose object's type and the first bytes of its body.
func readLoose(dir, oid string) (string, []byte, bool) {
	f, err := os.Open(filepath.Join(dir, "objects", oid[:2], oid[2:]))
	if err != nil {
		return "", nil, false
	}
	defer f.Close()
	z, err := zlib.NewReader(f)
	if err != nil {
		return "", nil, false
	}
	defer z.Close()
	head := make([]byte, 128)
	n, err := io.ReadFull(z, head)
	if err != nil && err != io.ErrUnexpectedEOF {
		return "", nil, false
	}
	header, body, found := bytes.Cut(head[:n], []byte{0})
	if !found {
		return "", nil, false
	}
	kind, _, _ := strings.Cut(string(header), " ")
	return kind, body, true
}

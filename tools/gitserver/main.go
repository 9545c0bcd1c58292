// gitserver: a lean Git smart-HTTP server for benchmarks. It serves the bare repositories under --root
// for fetching, with git's own upload-pack in stateless-RPC mode, as Gitea and `git http-backend` do.
//
// The benchmarks need it because the Node front end of @conflux/testing's startGitServer costs about
// 12 ms of CPU per request (Node's spawn), on the same two cores as the controller being measured. A
// Go front end forks git for a fraction of that, so the figures describe the controller, not the fixture.
// It has no authentication: tests that need auth use startGitServer.
//
// The v0/v1 ref advertisement is read from the repository's files (advertise.go) once git has answered
// one, so that its capability list can be repeated; packs always come from git's upload-pack, and
// --git-advertise makes git answer every advertisement too.
//
//	gitserver --root DIR [--listen 127.0.0.1:0]
//
// prints "gitserver ready http://ADDR" once it listens, and serves GET /-/stats with its request counts.
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
)

type stats struct {
	Requests        atomic.Int64
	UploadPackPosts atomic.Int64
	// Ref advertisements answered from the repository's files rather than by git (advertise.go).
	Advertised atomic.Int64
}

func main() {
	root := flag.String("root", "", "directory holding the bare repositories (<name>.git)")
	listen := flag.String("listen", "127.0.0.1:0", "address to listen on")
	gitAdvertise := flag.Bool("git-advertise", false, "let git answer every ref advertisement")
	flag.Parse()
	if *root == "" {
		log.Fatal("--root is required")
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		log.Fatal(err)
	}
	var s stats
	mux := http.NewServeMux()
	mux.HandleFunc("GET /-/stats", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]int64{"requests": s.Requests.Load(), "uploadPackPosts": s.UploadPackPosts.Load(), "advertised": s.Advertised.Load()})
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { serve(*root, &s, w, r) })
	if *gitAdvertise {
		advertiseRefs = func(string) ([]byte, bool) { return nil, false }
	}
	fmt.Printf("gitserver ready http://%s\n", ln.Addr())
	log.Fatal(http.Serve(ln, mux))
}

func serve(root string, s *stats, w http.ResponseWriter, r *http.Request) {
	s.Requests.Add(1)
	path := r.URL.Path
	advertise := r.Method == http.MethodGet && strings.HasSuffix(path, "/info/refs") && r.URL.Query().Get("service") == "git-upload-pack"
	pack := r.Method == http.MethodPost && strings.HasSuffix(path, "/git-upload-pack")
	var repo string
	switch {
	case advertise:
		repo = strings.TrimSuffix(path, "/info/refs")
	case pack:
		repo = strings.TrimSuffix(path, "/git-upload-pack")
		s.UploadPackPosts.Add(1)
	}
	if repo == "" || strings.Contains(repo, "..") || !strings.HasSuffix(repo, ".git") {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	dir := filepath.Join(root, filepath.FromSlash(repo))
	if _, err := os.Stat(filepath.Join(dir, "HEAD")); err != nil {
		http.Error(w, "repository not found", http.StatusNotFound)
		return
	}

	args := []string{"upload-pack", "--stateless-rpc"}
	if advertise {
		args = append(args, "--advertise-refs")
	}
	cmd := exec.Command("git", append(args, dir)...)
	protocol := r.Header.Get("Git-Protocol")
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "GIT_CONFIG_NOSYSTEM=1"}
	if protocol != "" {
		cmd.Env = append(cmd.Env, "GIT_PROTOCOL="+protocol)
	}
	if pack {
		body := io.Reader(r.Body)
		if r.Header.Get("Content-Encoding") == "gzip" {
			gz, err := gzip.NewReader(r.Body)
			if err != nil {
				http.Error(w, "bad gzip body", http.StatusBadRequest)
				return
			}
			body = gz
		}
		cmd.Stdin = body
	}
	kind := "result"
	if advertise {
		kind = "advertisement"
	}
	w.Header().Set("Content-Type", "application/x-git-upload-pack-"+kind)
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	// Protocol v2 clients get the capability list straight away; v0/v1 expect the service line first.
	v0 := advertise && !strings.Contains(protocol, "version=2")
	if v0 {
		line := "# service=git-upload-pack\n"
		fmt.Fprintf(w, "%04x%s0000", len(line)+4, line)
		if refs, ok := advertiseRefs(dir); ok {
			s.Advertised.Add(1)
			_, _ = w.Write(refs)
			return
		}
	}
	var out bytes.Buffer
	if v0 {
		// git's answer teaches advertiseRefs the capability list it must repeat.
		cmd.Stdout = io.MultiWriter(w, &out)
	} else {
		cmd.Stdout = w
	}
	if err := cmd.Run(); err != nil {
		log.Printf("%s %s: git upload-pack: %v", r.Method, path, err)
		return
	}
	if v0 {
		learnCapabilities(out.Bytes())
	}
}

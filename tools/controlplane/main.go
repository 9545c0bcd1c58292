// Command controlplane runs a real, minimal Kubernetes control plane in one process for Conflux's tests
// and quick start: etcd, kube-apiserver, a kube-controller-manager with only the controllers Conflux
// needs, and a NATS server with JetStream. Everything listens on loopback.
//
// Usage: controlplane --dir DIR [--apiserver-port N] [--etcd-port N] [--nats-port N]
//
// When everything is ready it writes DIR/kubeconfig, DIR/nats-url, DIR/pid and DIR/controlplane.json,
// then prints one line starting with "controlplane ready". State in DIR (certificates, etcd data,
// JetStream store) is reused when the command is started again with the same DIR, so a test can
// restart the API server without losing objects or client credentials.
//
// Signals: SIGTERM/SIGINT shut everything down; SIGUSR1 stops NATS and SIGUSR2 starts it again on
// the same port, so tests can simulate a NATS outage.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"
	"time"
)

type config struct {
	dir           string
	apiserverPort int
	etcdPort      int
	etcdPeerPort  int
	natsPort      int
	verbose       bool
}

// endpoints is what the control plane tells its clients, as DIR/controlplane.json.
type endpoints struct {
	PID        int    `json:"pid"`
	Kubeconfig string `json:"kubeconfig"`
	APIServer  string `json:"apiServer"`
	NATSURL    string `json:"natsURL"`
	Etcd       string `json:"etcd"`
	Dir        string `json:"dir"`
}

func main() {
	cfg := config{}
	flag.StringVar(&cfg.dir, "dir", "", "directory for state and for the kubeconfig, NATS URL and PID files (required)")
	flag.IntVar(&cfg.apiserverPort, "apiserver-port", 0, "kube-apiserver secure port (0: reuse the last one in --dir, or pick a free port)")
	flag.IntVar(&cfg.etcdPort, "etcd-port", 0, "etcd client port (0: reuse or pick a free port)")
	flag.IntVar(&cfg.natsPort, "nats-port", 0, "NATS client port (0: reuse or pick a free port)")
	flag.BoolVar(&cfg.verbose, "verbose", false, "log every component's output to stderr")
	flag.Parse()
	if cfg.dir == "" {
		fmt.Fprintln(os.Stderr, "controlplane: --dir is required")
		os.Exit(2)
	}
	if err := run(cfg); err != nil {
		fmt.Fprintf(os.Stderr, "controlplane: %v\n", err)
		os.Exit(1)
	}
}

func run(cfg config) error {
	started := time.Now()
	dir, err := filepath.Abs(cfg.dir)
	if err != nil {
		return err
	}
	cfg.dir = dir
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	if err := resolvePorts(&cfg); err != nil {
		return err
	}
	quietLogs(cfg)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	signals := make(chan os.Signal, 4)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT, syscall.SIGUSR1, syscall.SIGUSR2)

	pki, err := ensurePKI(filepath.Join(dir, "pki"))
	if err != nil {
		return fmt.Errorf("certificates: %w", err)
	}

	etcdLog := logFile(cfg)
	if cfg.verbose {
		etcdLog = ""
	}
	etcd, err := startEtcd(filepath.Join(dir, "etcd"), cfg.etcdPort, cfg.etcdPeerPort, etcdLog)
	if err != nil {
		return fmt.Errorf("etcd: %w", err)
	}
	defer etcd.Close()

	apiserverURL := "https://127.0.0.1:" + strconv.Itoa(cfg.apiserverPort)
	kubeconfigPath := filepath.Join(dir, "kubeconfig")
	if err := writeKubeconfig(kubeconfigPath, apiserverURL, pki); err != nil {
		return err
	}

	apiserverDone := make(chan error, 1)
	go func() { apiserverDone <- runAPIServer(ctx, cfg, pki, etcdURL(cfg.etcdPort)) }()
	if err := waitForAPIServer(ctx, kubeconfigPath, apiserverDone, 2*time.Minute); err != nil {
		return fmt.Errorf("kube-apiserver: %w", err)
	}

	controllersDone := make(chan error, 1)
	go func() { controllersDone <- runControllerManager(ctx, kubeconfigPath, pki) }()

	nats := &natsServer{port: cfg.natsPort, storeDir: filepath.Join(dir, "nats")}
	if err := nats.start(); err != nil {
		return fmt.Errorf("nats: %w", err)
	}
	defer nats.stop()

	ep := endpoints{
		PID:        os.Getpid(),
		Kubeconfig: kubeconfigPath,
		APIServer:  apiserverURL,
		NATSURL:    nats.url(),
		Etcd:       etcdURL(cfg.etcdPort),
		Dir:        dir,
	}
	if err := writeEndpoints(dir, ep); err != nil {
		return err
	}
	fmt.Printf("controlplane ready in %.1fs kubeconfig=%s nats=%s apiserver=%s pid=%d\n",
		time.Since(started).Seconds(), ep.Kubeconfig, ep.NATSURL, ep.APIServer, ep.PID)

	for {
		select {
		case sig := <-signals:
			switch sig {
			case syscall.SIGUSR1:
				nats.stop()
				fmt.Println("controlplane nats stopped")
			case syscall.SIGUSR2:
				if err := nats.start(); err != nil {
					fmt.Fprintf(os.Stderr, "controlplane: restarting nats: %v\n", err)
				} else {
					fmt.Println("controlplane nats started")
				}
			default:
				return shutdown(cancel, apiserverDone, controllersDone)
			}
		case err := <-apiserverDone:
			return fmt.Errorf("kube-apiserver exited: %v", err)
		case err := <-controllersDone:
			return fmt.Errorf("kube-controller-manager exited: %v", err)
		}
	}
}

// shutdown stops the API server and the controllers, then lets the deferred NATS and etcd stops run.
// The API server drains its requests first; the grace period bounds how long a stuck watch can hold us.
func shutdown(cancel context.CancelFunc, apiserverDone, controllersDone <-chan error) error {
	cancel()
	grace := time.After(20 * time.Second)
	for apiserverDone != nil || controllersDone != nil {
		select {
		case <-apiserverDone:
			apiserverDone = nil
		case <-controllersDone:
			controllersDone = nil
		case <-grace:
			fmt.Fprintln(os.Stderr, "controlplane: components did not stop within 20s; exiting anyway")
			return nil
		}
	}
	return nil
}

func etcdURL(port int) string { return "http://127.0.0.1:" + strconv.Itoa(port) }

// resolvePorts fills in every port left at 0: first from the previous run in the same directory (so a
// restart keeps the URLs that clients already hold), then from the kernel's free ports.
func resolvePorts(cfg *config) error {
	prev := map[string]int{}
	path := filepath.Join(cfg.dir, "ports.json")
	if data, err := os.ReadFile(path); err == nil {
		_ = json.Unmarshal(data, &prev)
	}
	pick := func(p *int, name string) error {
		if *p == 0 {
			*p = prev[name]
		}
		if *p == 0 {
			free, err := freePort()
			if err != nil {
				return err
			}
			*p = free
		}
		return nil
	}
	for name, p := range map[string]*int{"apiserver": &cfg.apiserverPort, "etcd": &cfg.etcdPort, "etcdPeer": &cfg.etcdPeerPort, "nats": &cfg.natsPort} {
		if err := pick(p, name); err != nil {
			return err
		}
	}
	data, _ := json.Marshal(map[string]int{"apiserver": cfg.apiserverPort, "etcd": cfg.etcdPort, "etcdPeer": cfg.etcdPeerPort, "nats": cfg.natsPort})
	return os.WriteFile(path, data, 0o600)
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func writeEndpoints(dir string, ep endpoints) error {
	data, err := json.MarshalIndent(ep, "", "  ")
	if err != nil {
		return err
	}
	files := map[string]string{
		"controlplane.json": string(data) + "\n",
		"nats-url":          ep.NATSURL + "\n",
		"pid":               strconv.Itoa(ep.PID) + "\n",
	}
	for name, content := range files {
		if err := writeFileAtomic(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			return err
		}
	}
	return nil
}

// writeFileAtomic renames a complete temporary file into place, so a reader polling for the file never
// sees it half written.
func writeFileAtomic(path string, data []byte, mode os.FileMode) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, mode); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

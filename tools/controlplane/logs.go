package main

import (
	"flag"
	"os"
	"path/filepath"

	"k8s.io/klog/v2"
)

// logFile is where the components log unless --verbose is set, so the only output a caller needs to
// read is the "ready" line, and a failing test can still point at the full log.
func logFile(cfg config) string { return filepath.Join(cfg.dir, "controlplane.log") }

// quietLogs routes klog (kube-apiserver, controller-manager) to logFile. etcd and NATS are configured
// separately where they start.
func quietLogs(cfg config) {
	if cfg.verbose {
		return
	}
	fs := flag.NewFlagSet("klog", flag.ContinueOnError)
	klog.InitFlags(fs)
	_ = fs.Set("logtostderr", "false")
	_ = fs.Set("alsologtostderr", "false")
	_ = fs.Set("stderrthreshold", "FATAL")
	_ = fs.Set("one_output", "true")
	f, err := os.OpenFile(logFile(cfg), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return
	}
	klog.SetOutput(f)
}

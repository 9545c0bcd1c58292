package main

import (
	"fmt"
	"net/url"
	"strconv"
	"time"

	"go.etcd.io/etcd/server/v3/embed"
)

// startEtcd runs etcd in this process. It keeps its data in dataDir, so a restart keeps every object.
func startEtcd(dataDir string, clientPort, peerPort int, logOutput string) (*embed.Etcd, error) {
	cfg := embed.NewConfig()
	cfg.Dir = dataDir
	cfg.Name = "conflux"
	cfg.LogLevel = "error"
	if logOutput != "" {
		cfg.LogOutputs = []string{logOutput}
	}
	client, _ := url.Parse("http://127.0.0.1:" + strconv.Itoa(clientPort))
	peer, _ := url.Parse("http://127.0.0.1:" + strconv.Itoa(peerPort))
	cfg.ListenClientUrls = []url.URL{*client}
	cfg.AdvertiseClientUrls = []url.URL{*client}
	cfg.ListenPeerUrls = []url.URL{*peer}
	cfg.AdvertisePeerUrls = []url.URL{*peer}
	cfg.InitialCluster = cfg.Name + "=" + peer.String()
	// Tests and the quick start do not need etcd's own metrics endpoint or its default 2 GiB quota.
	cfg.QuotaBackendBytes = 1 << 30
	e, err := embed.StartEtcd(cfg)
	if err != nil {
		return nil, err
	}
	select {
	case <-e.Server.ReadyNotify():
		return e, nil
	case err := <-e.Err():
		e.Close()
		return nil, err
	case <-time.After(60 * time.Second):
		e.Close()
		return nil, fmt.Errorf("not ready within 60s")
	}
}

package main

import (
	"os"

	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
)

// writeKubeconfig writes an admin kubeconfig with the certificates embedded, so it stays usable when
// copied elsewhere.
func writeKubeconfig(path, server string, pki pkiFiles) error {
	read := func(name string) ([]byte, error) { return os.ReadFile(pki.path(name)) }
	ca, err := read(pki.caCert)
	if err != nil {
		return err
	}
	cert, err := read(pki.adminCert)
	if err != nil {
		return err
	}
	key, err := read(pki.adminKey)
	if err != nil {
		return err
	}
	cfg := clientcmdapi.NewConfig()
	cfg.Clusters["conflux"] = &clientcmdapi.Cluster{Server: server, CertificateAuthorityData: ca}
	cfg.AuthInfos["conflux-admin"] = &clientcmdapi.AuthInfo{ClientCertificateData: cert, ClientKeyData: key}
	cfg.Contexts["conflux"] = &clientcmdapi.Context{Cluster: "conflux", AuthInfo: "conflux-admin", Namespace: "default"}
	cfg.CurrentContext = "conflux"
	data, err := clientcmd.Write(*cfg)
	if err != nil {
		return err
	}
	return writeFileAtomic(path, data, 0o600)
}

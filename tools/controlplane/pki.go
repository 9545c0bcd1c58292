package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"time"
)

// pkiFiles names the files the API server, the controller manager and clients are given.
type pkiFiles struct {
	dir                                     string
	caCert, caKey                           string
	servingCert, servingKey                 string
	adminCert, adminKey                     string
	serviceAccountPublic, serviceAccountKey string
}

func (p pkiFiles) path(name string) string { return filepath.Join(p.dir, name) }

// ensurePKI creates a CA, a serving certificate for loopback, an admin client certificate in the
// system:masters group (bound to cluster-admin by the API server's bootstrap policy) and a service-account
// signing key. Existing files are kept, so restarts keep every credential that clients already hold.
func ensurePKI(dir string) (pkiFiles, error) {
	p := pkiFiles{
		dir: dir, caCert: "ca.crt", caKey: "ca.key",
		servingCert: "apiserver.crt", servingKey: "apiserver.key",
		adminCert: "admin.crt", adminKey: "admin.key",
		serviceAccountPublic: "sa.pub", serviceAccountKey: "sa.key",
	}
	if _, err := os.Stat(p.path(p.serviceAccountPublic)); err == nil {
		return p, nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return p, err
	}
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return p, err
	}
	now := time.Now().Add(-time.Hour)
	caTemplate := &x509.Certificate{
		SerialNumber:          serial(),
		Subject:               pkix.Name{CommonName: "conflux-controlplane-ca"},
		NotBefore:             now,
		NotAfter:              now.Add(10 * 365 * 24 * time.Hour),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTemplate, caTemplate, &caKey.PublicKey, caKey)
	if err != nil {
		return p, err
	}
	ca, _ := x509.ParseCertificate(caDER)
	if err := writeCert(p.path(p.caCert), caDER); err != nil {
		return p, err
	}
	if err := writeKey(p.path(p.caKey), caKey); err != nil {
		return p, err
	}

	issue := func(certFile, keyFile string, tmpl *x509.Certificate) error {
		key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			return err
		}
		tmpl.SerialNumber = serial()
		tmpl.NotBefore = now
		tmpl.NotAfter = now.Add(10 * 365 * 24 * time.Hour)
		tmpl.KeyUsage = x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment
		der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
		if err != nil {
			return err
		}
		if err := writeCert(p.path(certFile), der); err != nil {
			return err
		}
		return writeKey(p.path(keyFile), key)
	}
	if err := issue(p.servingCert, p.servingKey, &x509.Certificate{
		Subject:     pkix.Name{CommonName: "kube-apiserver"},
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1"), net.ParseIP("10.0.0.1")},
		DNSNames:    []string{"localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc"},
	}); err != nil {
		return p, err
	}
	if err := issue(p.adminCert, p.adminKey, &x509.Certificate{
		Subject:     pkix.Name{CommonName: "conflux-admin", Organization: []string{"system:masters"}},
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	}); err != nil {
		return p, err
	}

	saKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return p, err
	}
	pub, err := x509.MarshalPKIXPublicKey(&saKey.PublicKey)
	if err != nil {
		return p, err
	}
	if err := writeKey(p.path(p.serviceAccountKey), saKey); err != nil {
		return p, err
	}
	// Written last: its presence is what marks the directory as complete.
	return p, os.WriteFile(p.path(p.serviceAccountPublic), pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pub}), 0o600)
}

func serial() *big.Int {
	n, _ := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 120))
	return n
}

func writeCert(path string, der []byte) error {
	return os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
}

func writeKey(path string, key *ecdsa.PrivateKey) error {
	der, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return fmt.Errorf("marshal key: %w", err)
	}
	return os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: der}), 0o600)
}

#!/bin/sh
# Makes a CA, an agent's server certificate and core's client certificate with openssl alone,
# as docs/cli.md describes. Usage: openssl-certs.sh DIR
set -eu
cd "$1"
umask 077

# The CA: a self-signed certificate that may sign leaf certificates only.
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ca-key.pem
openssl req -x509 -new -key ca-key.pem -sha256 -days 365 -subj "/O=Example/CN=Example CA" \
  -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" -out ca.pem

# An agent's server certificate, naming every host and IP core uses to reach it.
# The key is in the older SEC1 form ("BEGIN EC PRIVATE KEY") that many tools still write.
openssl ecparam -name prime256v1 -genkey -noout -out agent-key.pem
openssl req -new -key agent-key.pem -subj "/O=Example/CN=agent" -out agent.csr
printf '%s\n' \
  "basicConstraints=critical,CA:FALSE" \
  "keyUsage=critical,digitalSignature" \
  "extendedKeyUsage=serverAuth" \
  "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1" > agent.ext
openssl x509 -req -in agent.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -sha256 \
  -days 365 -extfile agent.ext -out agent.pem

# Core's client certificate, carrying core's identity as a URI SAN and as the CN.
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out core-key.pem
openssl req -new -key core-key.pem -subj "/O=Example/CN=core" -out core.csr
printf '%s\n' \
  "basicConstraints=critical,CA:FALSE" \
  "keyUsage=critical,digitalSignature" \
  "extendedKeyUsage=clientAuth" \
  "subjectAltName=URI:spiffe://example/core" > core.ext
openssl x509 -req -in core.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -sha256 \
  -days 365 -extfile core.ext -out core.pem

chmod 644 ca.pem agent.pem core.pem
rm -f agent.csr core.csr agent.ext core.ext ca.srl

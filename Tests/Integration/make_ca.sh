#!/bin/sh
# Makes the certificates the SMTP tests need, in DIR:
#   ca.crt / ca.key                 a test certificate authority
#   server.crt / server.key         a server certificate for localhost and 127.0.0.1, signed by the CA
#   untrusted.crt / untrusted.key   a self-signed certificate for the same names, trusted by nobody
# EC P-256 keys keep it fast. Usage: make_ca.sh DIR
set -eu

if [ $# -ne 1 ]; then
    echo "usage: $0 DIR" >&2
    exit 2
fi
dir=$1
mkdir -p "$dir"
cd "$dir"

names="subjectAltName=DNS:localhost,IP:127.0.0.1"

openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout ca.key -out ca.crt -days 30 -subj "/CN=mailrobot test CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null

openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout server.key -out server.csr -subj "/CN=localhost" 2>/dev/null
printf '%s\n%s\n%s\n' "$names" "basicConstraints=CA:FALSE" "extendedKeyUsage=serverAuth" > server.ext
openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial \
    -out server.crt -days 30 -extfile server.ext 2>/dev/null
rm -f server.csr server.ext ca.srl

openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout untrusted.key -out untrusted.crt -days 30 -subj "/CN=localhost" \
    -addext "$names" 2>/dev/null

chmod 600 ca.key server.key untrusted.key

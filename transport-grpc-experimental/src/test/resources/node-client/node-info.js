// Calls GetNodeInfo on an agent with @grpc/grpc-js, independently of the Java implementation.
//
// Usage: node node-info.js PROTO_ROOT HOST:PORT CA_PEM [CLIENT_CERT_PEM CLIENT_KEY_PEM]
// Prints the node info as JSON on success. When the call fails, it prints "code=N details" to
// stderr and exits with 2. Without a client certificate the agent must reject the handshake.
'use strict';

const fs = require('fs');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const [protoRoot, target, caFile, certFile, keyFile] = process.argv.slice(2);

const definition = protoLoader.loadSync('agent_transport/v1/agent.proto', {
  includeDirs: [protoRoot],
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
});
const api = grpc.loadPackageDefinition(definition).agenttransport.v1;

const ca = fs.readFileSync(caFile);
const credentials = certFile
  ? grpc.credentials.createSsl(ca, fs.readFileSync(keyFile), fs.readFileSync(certFile))
  : grpc.credentials.createSsl(ca);
const client = new api.AgentService(target, credentials);

client.GetNodeInfo({}, { deadline: new Date(Date.now() + 20000) }, (error, info) => {
  client.close();
  if (error) {
    console.error(`code=${error.code} ${error.details}`);
    process.exit(2);
  }
  console.log(JSON.stringify(info));
});

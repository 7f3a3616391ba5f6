// Makes the three mongod members one replica set and keeps the application user in step with its
// secret. Safe to run again: it initiates only an uninitiated set and updates an existing user, so a
// rerun after a password change rotates the password. Used by the Kubernetes init Job and by the
// compose file's mongo-init service; run by mongosh, connected as root to the first member.
//
// Environment: MONGO_REPLICA_SET, MONGO_MEMBERS (host:port,host:port,host:port),
// MONGO_ROOT_USERNAME, MONGO_ROOT_PASSWORD, IIP_STORE_DATABASE, IIP_STORE_USERNAME, IIP_STORE_PASSWORD.

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set`);
  }
  return value;
}

const replicaSet = required('MONGO_REPLICA_SET');
const members = required('MONGO_MEMBERS').split(',').map((host) => host.trim());
const rootUser = required('MONGO_ROOT_USERNAME');
const rootPassword = required('MONGO_ROOT_PASSWORD');
const appDatabase = required('IIP_STORE_DATABASE');
const appUser = required('IIP_STORE_USERNAME');
const appPassword = required('IIP_STORE_PASSWORD');

function initiated() {
  try {
    rs.status();
    return true;
  } catch (e) {
    if (e.codeName === 'NotYetInitialized' || e.code === 94) {
      return false;
    }
    throw e;
  }
}

if (initiated()) {
  print(`replica set ${replicaSet} already initiated`);
} else {
  // The first member gets the higher priority so that, right after initiation, this shell's member
  // is the one that becomes primary.
  rs.initiate({
    _id: replicaSet,
    members: members.map((host, i) => ({ _id: i, host, priority: i === 0 ? 2 : 1 })),
  });
  print(`replica set ${replicaSet} initiated with ${members.join(', ')}`);
}

// Users are written on the primary, wherever it is now, and acknowledged by a majority.
const uri = `mongodb://${encodeURIComponent(rootUser)}:${encodeURIComponent(rootPassword)}@`
  + `${members.join(',')}/admin?replicaSet=${encodeURIComponent(replicaSet)}&serverSelectionTimeoutMS=2000`;
let admin = null;
for (let attempt = 1; admin === null; attempt++) {
  try {
    const candidate = new Mongo(uri).getDB('admin');
    if (candidate.hello().isWritablePrimary) {
      admin = candidate;
    }
  } catch (e) {
    if (attempt >= 120) {
      throw e;
    }
  }
  if (admin === null) {
    if (attempt >= 120) {
      throw new Error(`no primary in ${replicaSet} after ${attempt} attempts`);
    }
    sleep(1000);
  }
}

// Every member must be healthy before the apps start, or their first majority writes would wait.
for (let attempt = 1; ; attempt++) {
  const states = admin.adminCommand({ replSetGetStatus: 1 }).members.map((m) => m.stateStr);
  if (states.length === members.length && states.every((s) => s === 'PRIMARY' || s === 'SECONDARY')) {
    print(`members: ${states.join(', ')}`);
    break;
  }
  if (attempt >= 180) {
    throw new Error(`members not all healthy after ${attempt} s: ${states.join(', ')}`);
  }
  sleep(1000);
}

const roles = [{ role: 'readWrite', db: appDatabase }];
const majority = { w: 'majority', wtimeout: 30000 };
if (admin.getUser(appUser)) {
  admin.updateUser(appUser, { pwd: appPassword, roles }, majority);
  print(`user ${appUser} updated`);
} else {
  admin.createUser({ user: appUser, pwd: appPassword, roles }, majority);
  print(`user ${appUser} created`);
}

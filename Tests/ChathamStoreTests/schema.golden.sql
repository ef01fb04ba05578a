create table issuance (
    member_id integer not null references member(id),
    epoch text not null check (epoch glob '[0-9][0-9][0-9][0-9]-q[1-4]'),
    primary key (member_id, epoch)
) without rowid;
create table member (
    id integer primary key,
    label text not null unique check (length(label) between 1 and 100),
    token_hash text not null unique check (length(token_hash) = 64),
    revoked integer not null default 0 check (revoked in (0, 1))
);
create table release (
    period text primary key check (period glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    document text not null
) without rowid;
create table release_marking (
    period text primary key references release(period),
    tlp text not null check (tlp in ('clear', 'green', 'amber', 'amber+strict', 'red'))
) without rowid;
create table report (
    id text primary key check (length(id) = 32),
    receipt text not null unique,
    pseudonym text not null check (length(pseudonym) = 64),
    epoch text not null check (epoch glob '[0-9][0-9][0-9][0-9]-q[1-4]'),
    period text not null check (period glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    sector text not null,
    size text not null,
    region text not null,
    actor_kind text not null,
    actor_motive text,
    discovery text,
    dwell text,
    containment text,
    loss text,
    downtime text,
    narrative text,
    share_narrative integer not null check (share_narrative in (0, 1))) without rowid;
create table report_action (
    report_id text not null references report(id),
    ord integer not null,
    category text not null,
    variety text,
    vector text,
    primary key (report_id, ord)
) without rowid;
create table report_mitigation (
    report_id text not null references report(id),
    ord integer not null,
    mitigation text not null,
    stage text,
    effective text,
    primary key (report_id, ord)
) without rowid;
create index report_period on report(period);
create index report_pseudonym on report(pseudonym);
create table report_value (
    report_id text not null references report(id),
    field text not null check (field in ('technique', 'asset', 'attribute')),
    value text not null,
    primary key (report_id, field, value)
) without rowid;

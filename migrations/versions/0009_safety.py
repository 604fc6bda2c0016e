"""safety: number refusals, login attempts, session generations, 120-character names

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 21:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('number_refusals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_number_refusals')),
    sa.UniqueConstraint('phone', 'reason', name=op.f('uq_number_refusals_phone'))
    )
    with op.batch_alter_table('number_refusals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_number_refusals_phone'), ['phone'], unique=False)
    op.create_table('login_attempts',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('tries', sa.Integer(), nullable=False),
    sa.Column('window_start', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_login_attempts'))
    )
    with op.batch_alter_table('coordinators', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_generation', sa.Integer(), server_default='0', nullable=False))
        batch_op.drop_column('failed_logins')
        batch_op.drop_column('locked_until')
    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.alter_column('name', existing_type=sa.String(length=80), type_=sa.String(length=120),
                              existing_nullable=True)
    # Numbers that opted out before this table existed keep their STOP.
    op.execute(
        "INSERT INTO number_refusals (phone, reason, created_at) "
        "SELECT phone, 'stop', MIN(COALESCE(opted_out_at, created_at)) FROM members "
        "WHERE status = 'opted_out' GROUP BY phone"
    )


def downgrade() -> None:
    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.alter_column('name', existing_type=sa.String(length=120), type_=sa.String(length=80),
                              existing_nullable=True)
    with op.batch_alter_table('coordinators', schema=None) as batch_op:
        batch_op.add_column(sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('failed_logins', sa.Integer(), nullable=False, server_default='0'))
        batch_op.drop_column('session_generation')
    op.drop_table('login_attempts')
    with op.batch_alter_table('number_refusals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_number_refusals_phone'))
    op.drop_table('number_refusals')

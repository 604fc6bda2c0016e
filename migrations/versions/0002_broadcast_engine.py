"""broadcast engine

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 20:46:42.196290
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing rows get a kind and verify through server defaults.
    op.create_table('early_statuses',
    sa.Column('sid', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('error_code', sa.Integer(), nullable=True),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('sid', name=op.f('pk_early_statuses'))
    )
    with op.batch_alter_table('alerts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('summary_sent_at', sa.DateTime(timezone=True), nullable=True))

    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=16), nullable=False, server_default='alert'))
        batch_op.add_column(sa.Column('body', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('verify', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('final_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.drop_index(batch_op.f('ix_deliveries_state'))
        batch_op.drop_constraint(batch_op.f('uq_deliveries_alert_id'), type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_deliveries_alert_id'), ['alert_id', 'member_id', 'kind'])
        batch_op.create_index('ix_deliveries_alert_state', ['alert_id', 'state'], unique=False)
        batch_op.create_index('ix_deliveries_state_due', ['state', 'next_attempt_at'], unique=False)

    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sms_error', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.drop_column('sms_error')

    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.drop_index('ix_deliveries_state_due')
        batch_op.drop_index('ix_deliveries_alert_state')
        batch_op.drop_constraint(batch_op.f('uq_deliveries_alert_id'), type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_deliveries_alert_id'), ['alert_id', 'member_id'])
        batch_op.create_index(batch_op.f('ix_deliveries_state'), ['state'], unique=False)
        batch_op.drop_column('final_at')
        batch_op.drop_column('verify')
        batch_op.drop_column('claimed_at')
        batch_op.drop_column('next_attempt_at')
        batch_op.drop_column('body')
        batch_op.drop_column('kind')

    with op.batch_alter_table('alerts', schema=None) as batch_op:
        batch_op.drop_column('summary_sent_at')
        batch_op.drop_column('sent_at')

    op.drop_table('early_statuses')


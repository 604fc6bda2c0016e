"""send pace and queue: the shared sending schedule, and an index of the queued deliveries

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 22:20:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('send_pace',
    sa.Column('lane', sa.String(length=16), nullable=False),
    sa.Column('booked_until', sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint('lane', name=op.f('pk_send_pace'))
    )
    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.create_index('ix_deliveries_queue', ['channel', 'kind', 'alert_id', 'id'], unique=False,
                              postgresql_where=sa.text("state = 'queued'"),
                              sqlite_where=sa.text("state = 'queued'"))


def downgrade() -> None:
    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.drop_index('ix_deliveries_queue', postgresql_where=sa.text("state = 'queued'"),
                            sqlite_where=sa.text("state = 'queued'"))
    op.drop_table('send_pace')

"""sms channel

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 21:15:56.196107
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    
    op.create_table('inbound_messages',
    sa.Column('message_sid', sa.String(length=64), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=False),
    sa.Column('reply', sa.Text(), nullable=True),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('message_sid', name=op.f('pk_inbound_messages'))
    )
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=32), nullable=False),
    sa.Column('target_phone', sa.String(length=20), nullable=True),
    sa.Column('detail', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['members.id'], name=op.f('fk_audit_log_actor_id_members')),
    sa.ForeignKeyConstraint(['group_id'], ['groups.id'], name=op.f('fk_audit_log_group_id_groups')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_log_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_log_group_id'), ['group_id'], unique=False)

    op.create_table('sign_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('requested_by', sa.Integer(), nullable=True),
    sa.Column('street', sa.String(length=120), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['groups.id'], name=op.f('fk_sign_requests_group_id_groups')),
    sa.ForeignKeyConstraint(['requested_by'], ['members.id'], name=op.f('fk_sign_requests_requested_by_members')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_requests'))
    )
    with op.batch_alter_table('sign_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sign_requests_group_id'), ['group_id'], unique=False)

    op.create_table('sms_conversations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=24), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_sms_conversations_member_id_members')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sms_conversations'))
    )
    with op.batch_alter_table('sms_conversations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sms_conversations_phone'), ['phone'], unique=False)

    with op.batch_alter_table('alerts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('emergency_called_by', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('emergency_called_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_alerts_emergency_called_by_members'), 'members', ['emergency_called_by'], ['id'])

    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.alter_column('alert_id',
               existing_type=sa.INTEGER(),
               nullable=True)

    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.add_column(sa.Column('invited_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('opted_out_at', sa.DateTime(timezone=True), nullable=True))




def downgrade() -> None:
    
    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.drop_column('opted_out_at')
        batch_op.drop_column('invited_at')

    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.alter_column('alert_id',
               existing_type=sa.INTEGER(),
               nullable=False)

    with op.batch_alter_table('alerts', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_alerts_emergency_called_by_members'), type_='foreignkey')
        batch_op.drop_column('emergency_called_at')
        batch_op.drop_column('emergency_called_by')

    with op.batch_alter_table('sms_conversations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sms_conversations_phone'))

    op.drop_table('sms_conversations')
    with op.batch_alter_table('sign_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sign_requests_group_id'))

    op.drop_table('sign_requests')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_group_id'))
        batch_op.drop_index(batch_op.f('ix_audit_log_created_at'))

    op.drop_table('audit_log')
    op.drop_table('inbound_messages')

